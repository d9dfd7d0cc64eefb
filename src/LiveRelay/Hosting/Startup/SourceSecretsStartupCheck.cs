using LiveRelay.Intake;
using LiveRelay.Secrets;
using LiveRelay.Secrets.KeyVault;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveRelay.Hosting.Startup;

/// <summary>
/// At start-up, reads every source's signing secrets (<see cref="SourceSecretsInspection"/>). A mistake (a name that does
/// not exist, a disabled secret, a value of the wrong form) stops the start on both hosts. A secret that cannot be read
/// now (the vault out of reach) stops the standalone host too, saying so; the Functions app
/// (<see cref="RequiredSecretsOptions.StartWithoutSecrets"/>) starts without it, as it does without the key pair: health
/// reports it as degraded, the source answers 503 meanwhile, and it is looked for again every
/// <see cref="KeyVaultOptions.RefreshInterval"/> until it is read.
/// </summary>
internal sealed partial class SourceSecretsStartupCheck(
    IntakeService intake,
    ISecretProvider secrets,
    IOptions<RequiredSecretsOptions> required,
    IOptions<KeyVaultOptions> keyVault,
    SecretsStatus status,
    TimeProvider timeProvider,
    ILogger<SourceSecretsStartupCheck> logger) : IHostedService, IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private ITimer? _timer;
    private int _rechecking;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var report = await SourceSecretsInspection.InspectAsync(intake, secrets, cancellationToken).ConfigureAwait(false);
        var fatal = report.Problems.ToList();
        if (!required.Value.StartWithoutSecrets)
        {
            fatal.AddRange(report.Unreachable);
        }

        if (fatal.Count > 0)
        {
            throw new StartupConfigurationException(fatal);
        }

        if (report.Unreachable.Count > 0)
        {
            foreach (var problem in report.Unreachable)
            {
                LogStartingWithout(logger, problem.Problem);
            }

            status.SetSourceSecrets([.. report.Unreachable.Select(static p => p.Problem)]);
            var interval = keyVault.Value.RefreshInterval;
            _timer = timeProvider.CreateTimer(static state => ((SourceSecretsStartupCheck)state!).Recheck(), this, interval, interval);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping.Cancel();
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (_timer is { } timer)
        {
            await timer.DisposeAsync().ConfigureAwait(false);
        }

        _stopping.Dispose();
    }

    private void Recheck()
    {
        if (Interlocked.Exchange(ref _rechecking, 1) == 0)
        {
            _ = RecheckAsync();
        }
    }

    private async Task RecheckAsync()
    {
        try
        {
            var report = await SourceSecretsInspection.InspectAsync(intake, secrets, _stopping.Token).ConfigureAwait(false);
            var missing = report.Problems.Concat(report.Unreachable).Select(static p => p.Problem).ToList();
            status.SetSourceSecrets(missing);
            if (missing.Count == 0 && _timer is { } timer)
            {
                LogAllRead(logger);
                await timer.DisposeAsync().ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception ex) when (ex is ObjectDisposedException or SecretUnavailableException)
        {
            LogRecheckFailed(logger, ex.Message);
        }
        finally
        {
            Volatile.Write(ref _rechecking, 0);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Starting without it, and looking for it again on every refresh: {Reason}")]
    private static partial void LogStartingWithout(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not look at the sources' signing secrets again: {Reason}")]
    private static partial void LogRecheckFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Every source's signing secrets can be read now")]
    private static partial void LogAllRead(ILogger logger);
}
