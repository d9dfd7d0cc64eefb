using Microsoft.Extensions.Options;

namespace LiveRelay.Queues.Processing;

public sealed class QueueProcessingOptionsValidator : IValidateOptions<QueueProcessingOptions>
{
    public ValidateOptionsResult Validate(string? name, QueueProcessingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var prefix = QueueProcessingOptions.SectionName;
        var failures = new List<string>();
        if (options.ShutdownGracePeriod < TimeSpan.Zero || options.ShutdownGracePeriod > TimeSpan.FromMinutes(10))
        {
            failures.Add($"{prefix}:ShutdownGracePeriod must be between 00:00:00 and 00:10:00 (was {options.ShutdownGracePeriod}).");
        }

        if (options.MessageLease < TimeSpan.FromSeconds(2) || options.MessageLease > QueueLimits.MaxVisibilityTimeout)
        {
            failures.Add($"{prefix}:MessageLease must be between 00:00:02 and 7.00:00:00 (was {options.MessageLease}).");
        }

        if (options.RequestTimeout <= TimeSpan.Zero || options.RequestTimeout > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{prefix}:RequestTimeout must be greater than zero and at most 5 minutes (was {options.RequestTimeout}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
