using System.Globalization;
using Microsoft.Extensions.Options;

namespace LiveRelay.Queues.Processing;

/// <summary>The limits the Functions runtime enforces on host.json <c>extensions.queues</c>, with messages naming the field.</summary>
public sealed class HostJsonQueueOptionsValidator : IValidateOptions<HostJsonQueueOptions>
{
    private const string Prefix = "host.json extensions.queues.";

    public ValidateOptionsResult Validate(string? name, HostJsonQueueOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.BatchSize is < 1 or > QueueLimits.MaxMessagesPerReceive)
        {
            failures.Add($"{Prefix}batchSize must be between 1 and {QueueLimits.MaxMessagesPerReceive} (was {Invariant(options.BatchSize)}).");
        }

        if (options.NewBatchThreshold is < 0)
        {
            failures.Add($"{Prefix}newBatchThreshold must be 0 or more (was {Invariant(options.NewBatchThreshold.Value)}).");
        }

        if (options.MaxDequeueCount < 1)
        {
            failures.Add($"{Prefix}maxDequeueCount must be 1 or more (was {Invariant(options.MaxDequeueCount)}).");
        }

        if (options.VisibilityTimeout < TimeSpan.Zero || options.VisibilityTimeout > QueueLimits.MaxVisibilityTimeout)
        {
            failures.Add($"{Prefix}visibilityTimeout must be between 00:00:00 and 7.00:00:00 (was {options.VisibilityTimeout}).");
        }

        if (options.MaxPollingInterval < HostJsonQueueOptions.MinimumPollingInterval || options.MaxPollingInterval > TimeSpan.FromDays(1))
        {
            failures.Add($"{Prefix}maxPollingInterval must be between 00:00:00.1 and 1.00:00:00 (was {options.MaxPollingInterval}).");
        }

        if (!Enum.IsDefined(options.MessageEncoding))
        {
            failures.Add($"{Prefix}messageEncoding must be 'base64' or 'none'.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
