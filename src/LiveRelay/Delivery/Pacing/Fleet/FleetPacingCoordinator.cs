using System.Diagnostics.Metrics;
using Azure;
using LiveRelay.Delivery.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveRelay.Delivery.Pacing.Fleet;

/// <summary>
/// Keeps this process's share of each operation's limit: while it has messages to send (or a share to give back) it
/// renews its lease with the <see cref="IFleetShareStore"/> every <see cref="FleetPacingOptions.RenewInterval"/>, and
/// at once when messages arrive with no share in hand or the API asks for a pause. The share it is granted is what its
/// <see cref="OperationPacing"/> paces at. It stops using a share it could not renew for half a lease (others reclaim it
/// after a whole one), and then paces at the fallback share, <c>limit / FallbackSenderCount</c>, until the coordinator
/// answers again. On stop it gives its shares back, so the others need not wait for its leases to end. While shares are
/// still moving (it or another process holds less than its fair share) it renews four times as often, so what one
/// gives back is taken up within a fraction of a renewal interval instead of lying unused for one.
/// </summary>
public sealed partial class FleetPacingCoordinator : BackgroundService
{
    private const int TriesPerRenewal = 4;

    private static readonly TimeSpan MinimumWakeSpacing = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan ReleaseTimeout = TimeSpan.FromSeconds(3);

    /// <summary>How far this process's clock may be from the store's before the store's is used: HTTP dates are whole seconds.</summary>
    private static readonly TimeSpan ClockTolerance = TimeSpan.FromSeconds(1);

    private readonly DeliveryPacing _pacing;
    private readonly IFleetShareStore _store;
    private readonly FleetPacingOptions _options;
    private readonly TimeProvider _time;
    private readonly DeliveryMetrics _metrics;
    private readonly ILogger _logger;
    private readonly Lease[] _leases;
    private TaskCompletionSource _wake = NewSignal();
    private long _clockOffsetTicks;

    public FleetPacingCoordinator(
        DeliveryPacing pacing,
        IFleetShareStore store,
        IOptions<FleetPacingOptions> options,
        TimeProvider timeProvider,
        DeliveryMetrics metrics,
        ILogger<FleetPacingCoordinator> logger)
    {
        ArgumentNullException.ThrowIfNull(pacing);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(logger);
        _pacing = pacing;
        _store = store;
        _options = options.Value;
        _time = timeProvider;
        _metrics = metrics;
        _logger = logger;
        var machine = Environment.MachineName;
        ProcessId = $"{machine[..Math.Min(machine.Length, 40)]}-{Environment.ProcessId}-{Guid.NewGuid():N}";
        _leases = [.. pacing.Operations.Select(static o => new Lease(o))];
        foreach (var lease in _leases)
        {
            lease.Pacing.Changed += Wake;
        }

        metrics.ObserveFleet(
            () => _leases.Select(static l => new Measurement<int>(l.Senders, Tag(l))),
            () => _leases.Select(static l => new Measurement<int>(l.Pacing.OnFallback ? 1 : 0, Tag(l))));
    }

    /// <summary>This process's name in the coordinator's record.</summary>
    public string ProcessId { get; }

    /// <summary>Where the shares are kept (for the operations page).</summary>
    public string StoreDescription => _store.Description;

    /// <summary>For the operations page: the senders this process last saw sharing <paramref name="operation"/>, and whether it is on its fallback share.</summary>
    public (int Senders, bool OnFallback) Describe(string operation)
    {
        var lease = _leases.FirstOrDefault(l => l.Pacing.Operation == operation);
        return lease is null ? (0, false) : (lease.Senders, lease.Pacing.OnFallback);
    }

    /// <summary>Renews (or gives back) each operation's share once, as the background loop does on each turn; the operations side by side.</summary>
    public Task RenewAsync(CancellationToken cancellationToken = default) =>
        Task.WhenAll(_leases.Select(lease => RenewAsync(lease, cancellationToken)));

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        using var timeout = new CancellationTokenSource(ReleaseTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        foreach (var lease in _leases.Where(static l => l.Holding))
        {
            try
            {
                await TryRenewOnceAsync(lease, demand: 0, pause: null, linked.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is RequestFailedException or OperationCanceledException or IOException or HttpRequestException)
            {
                // Not given back: the others reclaim it when its lease ends.
                LogReleaseFailed(_logger, lease.Pacing.Operation, ex.GetType().Name);
            }
        }
    }

    public override void Dispose()
    {
        foreach (var lease in _leases)
        {
            lease.Pacing.Changed -= Wake;
        }

        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        LogStarting(_logger, ProcessId, _store.Description, _options.LeaseDuration.TotalSeconds, _options.RenewInterval.TotalSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            var wake = NewSignal();
            Volatile.Write(ref _wake, wake);
            await RenewAsync(stoppingToken).ConfigureAwait(false);
            var interval = Array.Exists(_leases, static l => l.Settling) ? ShortRenewInterval(_options.RenewInterval) : _options.RenewInterval;
            try
            {
                await wake.Task.WaitAsync(interval, _time, stoppingToken).ConfigureAwait(false);

                // Woken early (messages arrived with no share, or a pause): renew soon, but not once per message.
                await Task.Delay(MinimumWakeSpacing, _time, stoppingToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>How soon a process renews again while shares are moving: a quarter of the interval, not below the wake spacing.</summary>
    private static TimeSpan ShortRenewInterval(TimeSpan renewInterval) =>
        renewInterval / 4 > MinimumWakeSpacing ? renewInterval / 4 : MinimumWakeSpacing;

    private static KeyValuePair<string, object?> Tag(Lease lease) => new(DeliveryMetrics.OperationTag, lease.Pacing.Operation);

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void Wake() => Volatile.Read(ref _wake).TrySetResult();

    private async Task RenewAsync(Lease lease, CancellationToken cancellationToken)
    {
        var pacing = lease.Pacing;
        var demand = pacing.TakeDemand();

        // A process that just sent its last message keeps a nominal demand (a call a second) for a moment, so a steady trickle keeps its share.
        var effectiveDemand = demand > 0 ? demand : lease.Holding && pacing.IdleFor < _options.IdleRelease ? pacing.NominalDemand : 0;
        if (effectiveDemand == 0 && !lease.Holding)
        {
            return;
        }

        var pause = pacing.TakeFleetPause() + ClockOffset;
        var started = _time.GetTimestamp();

        // A renewal that hangs must not keep an expired share in use: it is cut off when the share must be given up.
        using var timeout = new CancellationTokenSource(RenewalTimeout(lease), _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            for (var attempt = 1; attempt <= TriesPerRenewal; attempt++)
            {
                if (await TryRenewOnceAsync(lease, effectiveDemand, pause, linked.Token).ConfigureAwait(false))
                {
                    lease.RenewedAt = effectiveDemand > 0 ? started : null;
                    if (pacing.OnFallback)
                    {
                        pacing.OnFallback = false;
                        LogCoordinatorBack(_logger, pacing.Operation, _store.Description);
                    }

                    return;
                }

                // Another process renewed in between: read its result and recompute, after a moment so the two drift apart.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 * attempt)), _time, linked.Token).ConfigureAwait(false);
            }

            _metrics.RenewalFailed(pacing.Operation, "contended");
            OnRenewalFailed(lease, $"{TriesPerRenewal} tries in a row found the record changed by another process");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            _metrics.RenewalFailed(pacing.Operation, "unreachable");
            OnRenewalFailed(lease, Describe(ex));
            LogRenewalError(_logger, pacing.Operation, ex);
        }
    }

    /// <returns>False when another process wrote the record since it was read.</returns>
    private async Task<bool> TryRenewOnceAsync(Lease lease, double demand, DateTimeOffset? pause, CancellationToken cancellationToken)
    {
        var pacing = lease.Pacing;
        var snapshot = await _store.ReadAsync(pacing.Operation, cancellationToken).ConfigureAwait(false);
        ObserveStoreTime(snapshot.StoreTime);
        var decision = FleetShareAllocator.Renew(snapshot.State, ProcessId, demand, pacing.Limit, StoreNow(), _options.LeaseDuration, pause);

        // A smaller share is taken at once, before the record says so: once written, another process may take the rest.
        if (decision.Granted < pacing.Share)
        {
            pacing.SetShare(decision.Granted);
        }

        if (!await _store.TryReplaceAsync(pacing.Operation, decision.Next, snapshot.ETag, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        lease.Holding = demand > 0;
        lease.Settling = decision.IsSettling(pacing.Limit);
        lease.Senders = decision.Senders;
        pacing.SetShare(decision.Granted);
        ApplyFleetPause(lease, decision.Next.PausedUntil);
        if (Math.Abs(decision.Granted - lease.LoggedShare) > pacing.Limit * 0.02 || decision.Senders != lease.LoggedSenders)
        {
            lease.LoggedShare = decision.Granted;
            lease.LoggedSenders = decision.Senders;
            LogShare(_logger, pacing.Operation, decision.Granted, pacing.Limit, decision.Senders, decision.Target);
        }

        return true;
    }

    /// <summary>What this process's clock is behind the store's, when by more than <see cref="ClockTolerance"/>; otherwise zero.</summary>
    private TimeSpan ClockOffset => TimeSpan.FromTicks(Interlocked.Read(ref _clockOffsetTicks));

    /// <summary>
    /// The time leases are stamped and judged by: this process's clock, unless it is more than a second from the store's.
    /// Every process's leases are read by the others' clocks, so a clock far off would see live leases as ended (and take
    /// their shares: more than the limit in all) or ended ones as live; the store's clock is the one they all share.
    /// </summary>
    private DateTimeOffset StoreNow() => _time.GetUtcNow() + ClockOffset;

    private void ObserveStoreTime(DateTimeOffset? storeTime)
    {
        if (storeTime is not { } store)
        {
            return;
        }

        // The store's time is to the second: the moment it answered lies half a second past it on average.
        // Once in use, the store's time is kept down to half the tolerance, so a skew near it does not flip back and forth.
        var skew = store + TimeSpan.FromMilliseconds(500) - _time.GetUtcNow();
        var inUse = ClockOffset != TimeSpan.Zero;
        var offset = skew.Duration() > (inUse ? ClockTolerance / 2 : ClockTolerance) ? skew : TimeSpan.Zero;
        var previous = TimeSpan.FromTicks(Interlocked.Exchange(ref _clockOffsetTicks, offset.Ticks));
        if (offset != TimeSpan.Zero && previous == TimeSpan.Zero)
        {
            LogClockSkew(_logger, skew.TotalSeconds, _store.Description);
        }
        else if (offset == TimeSpan.Zero && previous != TimeSpan.Zero)
        {
            LogClockAgrees(_logger, _store.Description);
        }
    }

    /// <summary>Two renewal intervals, but no later than when a held share must be given up (half a lease after its last renewal).</summary>
    private TimeSpan RenewalTimeout(Lease lease)
    {
        var timeout = 2 * _options.RenewInterval;
        if (lease.RenewedAt is { } renewed)
        {
            var left = (_options.LeaseDuration / 2) - _time.GetElapsedTime(renewed);
            timeout = left < timeout ? left : timeout;
        }

        return timeout > MinimumWakeSpacing ? timeout : MinimumWakeSpacing;
    }

    private void ApplyFleetPause(Lease lease, DateTimeOffset? pausedUntil)
    {
        if (pausedUntil is not { } until || until <= lease.PausedUntil)
        {
            return;
        }

        lease.PausedUntil = until;
        var remaining = until - StoreNow();
        if (remaining > TimeSpan.Zero)
        {
            lease.Pacing.Limiter.PauseFor(remaining);
            _metrics.FleetPause(lease.Pacing.Operation);
            LogFleetPause(_logger, lease.Pacing.Operation, remaining.TotalMilliseconds);
        }
    }

    private void OnRenewalFailed(Lease lease, string reason)
    {
        var pacing = lease.Pacing;

        // A share renewed within half a lease is still this process's: the others take it back only after a whole one.
        if (lease.RenewedAt is { } renewed && _time.GetElapsedTime(renewed) < _options.LeaseDuration / 2)
        {
            return;
        }

        var fallback = pacing.Limit / _options.FallbackSenderCount;
        pacing.SetShare(fallback);
        lease.Holding = false;
        lease.Settling = false;
        lease.Senders = 0;
        if (!pacing.OnFallback)
        {
            pacing.OnFallback = true;
            LogFallback(_logger, pacing.Operation, _store.Description, reason, fallback, pacing.Limit, _options.FallbackSenderCount);
        }
    }

    // Storage errors name the status and code; their full text (request details) goes to the debug log only.
    private static string Describe(Exception ex) => ex switch
    {
        RequestFailedException { Status: 0 } failed => $"{failed.InnerException?.GetType().Name ?? nameof(RequestFailedException)}: {FirstLine(failed.InnerException?.Message ?? failed.Message)}",
        RequestFailedException failed => $"HTTP {failed.Status} {failed.ErrorCode}",
        _ => $"{ex.GetType().Name}: {FirstLine(ex.Message)}",
    };

    private static string FirstLine(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        return end < 0 ? text : text[..end];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Fleet pacing: process {ProcessId} shares the account limits through {Store} (leases of {LeaseSeconds:0.#} s, renewed every {RenewSeconds:0.#} s)")]
    private static partial void LogStarting(ILogger logger, string processId, string store, double leaseSeconds, double renewSeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Fleet pacing {Operation}: share {Share:0.##}/s of {Limit}/s, {Holders} senders (fair share {Target:0.##}/s)")]
    private static partial void LogShare(ILogger logger, string operation, double share, double limit, int holders, double target);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fleet pacing {Operation}: the coordinator ({Store}) cannot be reached ({Reason}); pacing at the fallback share {Share:0.###}/s (limit {Limit}/s ÷ FallbackSenderCount {Senders}) until it answers")]
    private static partial void LogFallback(ILogger logger, string operation, string store, string reason, double share, double limit, int senders);

    [LoggerMessage(Level = LogLevel.Information, Message = "Fleet pacing {Operation}: the coordinator ({Store}) answers again; the fallback share is over")]
    private static partial void LogCoordinatorBack(ILogger logger, string operation, string store);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fleet pacing: this machine's clock is {SkewSeconds:0.#} s behind the clock of {Store} (negative: ahead); leases are stamped and judged by the store's time until they agree within a second")]
    private static partial void LogClockSkew(ILogger logger, double skewSeconds, string store);

    [LoggerMessage(Level = LogLevel.Information, Message = "Fleet pacing: this machine's clock agrees with {Store} again")]
    private static partial void LogClockAgrees(ILogger logger, string store);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Fleet pacing {Operation}: renewal failed")]
    private static partial void LogRenewalError(ILogger logger, string operation, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Fleet pacing {Operation}: the API asked the fleet to pause; no call for {DelayMs:0} ms")]
    private static partial void LogFleetPause(ILogger logger, string operation, double delayMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fleet pacing {Operation}: the share could not be given back on stop ({Error}); the others reclaim it when its lease ends")]
    private static partial void LogReleaseFailed(ILogger logger, string operation, string error);

    /// <summary>This process's lease on one operation's share, as far as it knows.</summary>
    private sealed class Lease(OperationPacing pacing)
    {
        public OperationPacing Pacing { get; } = pacing;

        /// <summary>The record holds an entry for this process.</summary>
        public bool Holding { get; set; }

        /// <summary>
        /// At the last renewal this process held less than its fair share (others still hold what is now its), or others
        /// held less than theirs (this one may have more to give back once it sees their demand).
        /// </summary>
        public bool Settling { get; set; }

        /// <summary>When the last successful renewal started (this process's monotonic clock); null before the first.</summary>
        public long? RenewedAt { get; set; }

        public int Senders { get; set; }

        public DateTimeOffset PausedUntil { get; set; }

        public double LoggedShare { get; set; } = -1;

        public int LoggedSenders { get; set; } = -1;
    }
}
