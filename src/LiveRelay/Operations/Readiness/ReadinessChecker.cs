using LiveRelay.AlibabaCloud.Credentials;
using LiveRelay.Intake.Configuration;
using LiveRelay.Queues;
using LiveRelay.Queues.InMemory;
using LiveRelay.Secrets;
using Microsoft.Extensions.Options;

namespace LiveRelay.Operations.Readiness;

/// <summary>
/// Whether this instance can deliver: the queues answer, the Live API key pair can be read, and every webhook source
/// has a signing secret it can read. Each check is bounded by <see cref="CheckTimeout"/>, so a probe gets its answer
/// even when a dependency hangs. Reasons name queues, secrets and their sources, never a value.
/// </summary>
public sealed class ReadinessChecker
{
    public const string QueuesCheck = "queues";

    public const string CredentialsCheck = "credentials";

    public const string SourceCheckPrefix = "source:";

    /// <summary>How long one check may take before it counts as failed.</summary>
    public static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);

    private static readonly string[] Queues = [QueueNames.LiveEvents, QueueNames.LiveMessages];

    private readonly IMessageQueueFactory _queues;
    private readonly IAlibabaCloudCredentialProvider _credentials;
    private readonly ISecretProvider _secrets;
    private readonly SourcesOptions _sources;
    private readonly TimeProvider _timeProvider;

    public ReadinessChecker(
        IMessageQueueFactory queues,
        IAlibabaCloudCredentialProvider credentials,
        ISecretProvider secrets,
        IOptions<SourcesOptions> sources,
        TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(sources);
        _queues = queues ?? throw new ArgumentNullException(nameof(queues));
        _credentials = credentials ?? throw new ArgumentNullException(nameof(credentials));
        _secrets = secrets ?? throw new ArgumentNullException(nameof(secrets));
        _sources = sources.Value;
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
    }

    public async Task<ReadinessReport> CheckAsync(CancellationToken cancellationToken = default)
    {
        var checks = new List<Task<ReadinessCheck>>
        {
            BoundedAsync(QueuesCheck, CheckQueuesAsync, cancellationToken),
            BoundedAsync(CredentialsCheck, CheckCredentialsAsync, cancellationToken),
        };
        foreach (var (name, source) in _sources.Sources.OrderBy(static s => s.Key, StringComparer.OrdinalIgnoreCase))
        {
            if (source.Verification.SecretNames.Count > 0)
            {
                checks.Add(BoundedAsync(SourceCheckPrefix + name, ct => CheckSourceAsync(source.Verification.SecretNames, ct), cancellationToken));
            }
        }

        return new ReadinessReport(await Task.WhenAll(checks).ConfigureAwait(false));
    }

    private async Task<ReadinessCheck> BoundedAsync(string name, Func<CancellationToken, Task<(ReadinessState, string)>> check, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(CheckTimeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            var (state, reason) = await check(linked.Token).WaitAsync(linked.Token).ConfigureAwait(false);
            return new ReadinessCheck(name, state, reason);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new ReadinessCheck(name, ReadinessState.Failed, $"No answer within {CheckTimeout.TotalSeconds:0} s.");
        }
    }

    private async Task<(ReadinessState, string)> CheckQueuesAsync(CancellationToken cancellationToken)
    {
        if (_queues is InMemoryMessageQueueFactory)
        {
            return (ReadinessState.Degraded, "Queues are kept in memory (AzureWebJobsStorage is not set): queued messages are lost when the process ends.");
        }

        var missing = new List<string>();
        foreach (var name in Queues)
        {
            try
            {
                await _queues.GetQueue(name).GetApproximateCountAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (MessageQueueException ex) when (ex.ErrorCode == QueueErrorCodes.QueueNotFound)
            {
                missing.Add(name);
            }
            catch (MessageQueueException ex)
            {
                return (ReadinessState.Failed, $"Queue '{name}' cannot be reached: {ex.ErrorCode}{(ex.StatusCode is { } status ? $" (HTTP {(int)status})" : string.Empty)}.");
            }
        }

        return missing.Count == 0
            ? (ReadinessState.Ok, $"Queues {string.Join(" and ", Queues)} answer.")
            : (ReadinessState.Ok, $"Storage answers; {string.Join(" and ", missing)} will be created on first use.");
    }

    private async Task<(ReadinessState, string)> CheckCredentialsAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _credentials.GetCredentialAsync(cancellationToken).ConfigureAwait(false);
            return (ReadinessState.Ok, "The Live API key pair can be read.");
        }
        catch (SecretUnavailableException ex)
        {
            return (ReadinessState.Failed, ex.Message);
        }
    }

    private async Task<(ReadinessState, string)> CheckSourceAsync(IReadOnlyList<string> secretNames, CancellationToken cancellationToken)
    {
        var unreadable = new List<string>();
        foreach (var name in secretNames)
        {
            try
            {
                if (await _secrets.GetSecretAsync(name, cancellationToken).ConfigureAwait(false) is null)
                {
                    unreadable.Add($"'{name}' does not exist");
                }
            }
            catch (SecretUnavailableException ex)
            {
                unreadable.Add($"'{name}': {ex.Message}");
            }
        }

        // Any one secret verifies requests (rotation keeps two), so one readable secret is enough to work.
        return unreadable.Count switch
        {
            0 => (ReadinessState.Ok, $"{secretNames.Count} of {secretNames.Count} signing secrets can be read."),
            _ when unreadable.Count < secretNames.Count => (ReadinessState.Degraded,
                $"{secretNames.Count - unreadable.Count} of {secretNames.Count} signing secrets can be read; not {string.Join("; ", unreadable)}."),
            _ => (ReadinessState.Failed, $"No signing secret can be read, so every webhook is refused: {string.Join("; ", unreadable)}."),
        };
    }
}
