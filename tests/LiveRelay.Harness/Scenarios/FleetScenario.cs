using LiveRelay.AlibabaCloud.Messaging;
using LiveRelay.Emulator.Inspection;
using LiveRelay.Emulator.Messages;
using LiveRelay.Messages;
using LiveRelay.Queues;

namespace LiveRelay.Harness.Scenarios;

/// <summary>
/// Issue 11's proof of fleet-wide pacing: standalone host processes share one Azurite (queues, and the coordinator's
/// table) and one emulator at the account's limits with 200 ms ± 50 ms answers, while <c>live-messages</c> is kept
/// topped up (or, for a fan-out, filled at once); everything is counted from the emulator's arrival times, per process
/// by the key pair each host signs with. Each case runs on a fresh environment.
/// </summary>
internal sealed class FleetScenario(RunContext context, FleetOptions options)
{
    private const double RecoveredShare = 0.95;
    private const int RecoveryWindowSeconds = 3;

    public async Task<FleetResult> RunAsync(CancellationToken cancellationToken)
    {
        var results = new List<FleetCaseResult>();
        if (options.WarmUp > TimeSpan.Zero && options.Cases.Count > 0)
        {
            // Not counted: the emulator and the feeder run in this process, and the first case would otherwise pay for
            // their JIT (each case starts its own hosts and Azurite, so those start cold in every case alike).
            context.Say(I($"fleet: warming up the emulator and the feeder for {options.WarmUp.TotalSeconds:0} s (not counted)"));
            await RunCaseAsync(new FleetCase("warmup", "warm-up", 1, options.WarmUp), cancellationToken).ConfigureAwait(false);
        }

        foreach (var fleetCase in options.Cases)
        {
            var result = await RunCaseAsync(fleetCase, cancellationToken).ConfigureAwait(false);
            results.Add(result);
            context.Say(I($"fleet {fleetCase.Name}: {string.Join(", ", result.Operations.Select(o => I($"{o.Operation} {o.ShareOfLimit:0.000} of the limit ({o.ThrottledShare:P2} throttled)")))}; lost {result.Lost}, duplicates {result.Audit.DuplicateDeliveries}"));
        }

        return new FleetResult(options, results);
    }

    public async Task<FleetCaseResult> RunCaseAsync(FleetCase fleetCase, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fleetCase);
        context.Say($"fleet {fleetCase.Name}: {fleetCase.Title}");
        await using var environment = await FleetEnvironment.StartAsync(context, options, fleetCase.Name, cancellationToken).ConfigureAwait(false);
        var hosts = new List<FleetHost>();
        try
        {
            var storage = fleetCase.CoordinatorUnreachable ? environment.StorageWithoutCoordinator : environment.Storage;
            if (fleetCase.FanOut is null)
            {
                // Filled while the hosts start, so each finds work at once.
                environment.Feeder.Start(
                    new Dictionary<MessageKind, int>
                    {
                        [MessageKind.Group] = (int)(options.GroupLimit * options.TopUpSeconds),
                        [MessageKind.User] = (int)(options.UserLimit * options.TopUpSeconds),
                    },
                    environment.Delivered);
            }

            hosts.AddRange(await Task.WhenAll(Enumerable.Range(1, fleetCase.Processes)
                .Select(n => FleetHost.StartAsync(environment, fleetCase.Name, n, storage, idle: false, cancellationToken))).ConfigureAwait(false));
            if (fleetCase.IdleProcess)
            {
                var idleStorage = await environment.IdleStorageAsync(cancellationToken).ConfigureAwait(false);
                hosts.Add(await FleetHost.StartAsync(environment, fleetCase.Name, hosts.Count + 1, idleStorage, idle: true, cancellationToken).ConfigureAwait(false));
            }

            // The unreachable coordinator has no table to read.
            await using var coordinator = fleetCase.CoordinatorUnreachable
                ? null
                : new CoordinatorSampler(environment.Storage, [LiveApiActions.SendMessageToGroup, LiveApiActions.SendLiveMessageUser], options.ShareLease);
            var start = DateTimeOffset.UtcNow;
            var loadAverage = Reporting.HarnessResults.ReadLoadAverage();
            var before = environment.Emulator.Statistics.Snapshot();
            DateTimeOffset end;
            TimeSpan? deliveryTime = null;
            if (fleetCase.FanOut is { } recipients)
            {
                context.Say(I($"fleet {fleetCase.Name}: enqueueing {recipients:N0} user messages (minimum {recipients / (double)options.UserLimit:0} s at {options.UserLimit}/s)"));
                await environment.Feeder.EnqueueAsync(MessageKind.User, recipients, cancellationToken).ConfigureAwait(false);
                var limit = TimeSpan.FromSeconds(recipients / (double)options.UserLimit * 1.5) + TimeSpan.FromSeconds(60);
                await WaitForDeliveredAsync(environment, start + limit, cancellationToken).ConfigureAwait(false);
                var audit = environment.Ledger.Audit(environment.Emulator.Recorded(), environment.Poison.Parked);
                end = audit.SettledAt.Count > 0 ? audit.SettledAt.Values.Max() : DateTimeOffset.UtcNow;
                deliveryTime = audit.IsSettled ? end - start : null;
            }
            else
            {
                await RunWindowAsync(environment, fleetCase, hosts, storage, start, cancellationToken).ConfigureAwait(false);
                await environment.Feeder.StopAsync().ConfigureAwait(false);
                end = DateTimeOffset.UtcNow;
            }

            var after = environment.Emulator.Statistics.Snapshot();
            if (coordinator is not null)
            {
                await coordinator.StopAsync().ConfigureAwait(false);
            }
            if (environment.Feeder.FirstFailure is { } failure)
            {
                context.Say(I($"fleet {fleetCase.Name}: {environment.Feeder.Failures} enqueues failed, the first with: {failure}"));
            }

            // At the fallback share the backlog would take minutes to drain: what is left is counted on the queue instead.
            if (fleetCase.FanOut is null && !fleetCase.CoordinatorUnreachable)
            {
                context.Say($"fleet {fleetCase.Name}: window over; waiting for what is queued to be delivered");
                await WaitForDeliveredAsync(environment, DateTimeOffset.UtcNow + options.MessageLease + TimeSpan.FromSeconds(options.TopUpSeconds + 20), cancellationToken)
                    .ConfigureAwait(false);
            }

            await Task.WhenAll(hosts.Where(static h => h.Killed is null).Select(static h => h.Process.StopAsync())).ConfigureAwait(false);
            await environment.Poison.ReadAsync(cancellationToken).ConfigureAwait(false);
            var calls = environment.Emulator.Recorded();
            var stillQueued = await environment.Queues.CountAsync(QueueNames.LiveMessages, cancellationToken).ConfigureAwait(false);
            var finished = calls.Count > 0 ? calls[^1].ReceivedAt : end;
            var killed = hosts.Select(static h => h.Killed).FirstOrDefault(static k => k is not null);
            var rates = RateSeries.From(calls, start, (finished > end ? finished : end).AddSeconds(1));
            DateTimeOffset? leaseExpired = killed + options.ShareLease;
            return new FleetCaseResult(
                fleetCase,
                start,
                end - start,
                [
                    Operation(LiveApiActions.SendMessageToGroup, options.GroupLimit, calls, before, after, start, end),
                    Operation(LiveApiActions.SendLiveMessageUser, options.UserLimit, calls, before, after, start, end),
                ],
                [.. hosts.Select(h => Process(h, calls, start, end, rates.PerSecond.Values.Select(static v => v.Length).DefaultIfEmpty(1).Max()))],
                environment.Ledger.Audit(calls, environment.Poison.Parked),
                Math.Max(0, stillQueued),
                rates,
                leaseExpired is { } expired ? Recovery(rates, start, expired, end, action => Limit(action)) : null,
                deliveryTime)
            {
                EnqueueFailures = environment.Feeder.Failures,
                LoadAverage = loadAverage,
                Coordinator = coordinator?.Samples ?? [],
                LeaseExpired = leaseExpired,
                RecoveryToRateBeforeKill = killed is { } kill && leaseExpired is { } leaseEnd
                    ? Recovery(rates, start, leaseEnd, end, action => RateBefore(rates, start, kill, action))
                    : null,
            };
        }
        finally
        {
            foreach (var host in hosts)
            {
                await host.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>The topped-up window, with the churn case's kill and late start at their times.</summary>
    private async Task RunWindowAsync(
        FleetEnvironment environment, FleetCase fleetCase, List<FleetHost> hosts, string storage, DateTimeOffset start, CancellationToken cancellationToken)
    {
        context.Say(I($"fleet {fleetCase.Name}: {hosts.Count} host(s) ready; topping up for {fleetCase.Duration.TotalSeconds:0} s"));
        if (fleetCase.KillAt is { } killAt)
        {
            await DelayUntilAsync(start + killAt, cancellationToken).ConfigureAwait(false);
            hosts[1].Kill();
            context.Say($"fleet {fleetCase.Name}: host 2 killed (SIGKILL)");
        }

        if (fleetCase.StartAt is { } startAt)
        {
            await DelayUntilAsync(start + startAt, cancellationToken).ConfigureAwait(false);
            hosts.Add(await FleetHost.StartAsync(environment, fleetCase.Name, hosts.Count + 1, storage, idle: false, cancellationToken).ConfigureAwait(false));
            context.Say(I($"fleet {fleetCase.Name}: host {hosts.Count} started"));
        }

        await DelayUntilAsync(start + fleetCase.Duration, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Waits until every recorded message was delivered or parked in poison, or <paramref name="deadline"/>.</summary>
    private static async Task WaitForDeliveredAsync(FleetEnvironment environment, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        while (DateTimeOffset.UtcNow < deadline)
        {
            var parked = (await environment.Poison.ReadAsync(cancellationToken).ConfigureAwait(false)).Count;
            var enqueued = environment.Feeder.Enqueued(MessageKind.Group) + environment.Feeder.Enqueued(MessageKind.User);
            var delivered = environment.Delivered(MessageKind.Group) + environment.Delivered(MessageKind.User);

            // The counts are cheap; the full audit (which knows duplicates) only once they say all are through.
            if (delivered + parked >= enqueued && environment.Ledger.Audit(environment.Emulator.Recorded(), environment.Poison.Parked).IsSettled)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
        }
    }

    private FleetOperationFigures Operation(
        string action, int limit, IReadOnlyList<RecordedMessage> calls, StatisticsSnapshot before, StatisticsSnapshot after, DateTimeOffset start, DateTimeOffset end)
    {
        var inWindow = calls.Where(c => c.Action == action && c.ReceivedAt >= start && c.ReceivedAt < end).Select(static c => c.ReceivedAt).ToList();
        var seconds = Math.Max(1e-3, (end - start).TotalSeconds);
        var settle = start + TimeSpan.FromSeconds(Math.Min(options.SettleTime.TotalSeconds, seconds / 3));
        var steadySeconds = Math.Max(1e-3, (end - settle).TotalSeconds);
        return new FleetOperationFigures(
            action,
            limit,
            inWindow.Count,
            inWindow.Count / (limit * seconds),
            inWindow.Count(t => t >= settle) / (limit * steadySeconds),
            after.Throttled.GetValueOrDefault(action) - before.Throttled.GetValueOrDefault(action));
    }

    private static FleetProcessFigures Process(FleetHost host, IReadOnlyList<RecordedMessage> calls, DateTimeOffset start, DateTimeOffset end, int seconds)
    {
        var own = calls.Where(c => c.AccessKeyId == host.AccessKeyId).ToList();
        var perSecond = new double[seconds];
        foreach (var call in own)
        {
            var second = (int)Math.Floor((call.ReceivedAt - start).TotalSeconds);
            if (second >= 0 && second < seconds)
            {
                perSecond[second]++;
            }
        }

        var readings = host.Readings;
        return new FleetProcessFigures(
            host.Number,
            host.Idle,
            host.Process.ReadyAt,
            host.Killed,
            own.Where(c => c.ReceivedAt >= start && c.ReceivedAt < end).GroupBy(static c => c.Action).ToDictionary(static g => g.Key, static g => (long)g.Count(), StringComparer.Ordinal),
            perSecond,
            readings.Shares,
            readings.PacingLines,
            readings.LastMetrics)
        {
            FellBack = readings.PacingLines.Any(static l => l.Contains("fallback", StringComparison.OrdinalIgnoreCase))
                || readings.Metrics.Any(static m => m.Values.Any(static v => v.Key.StartsWith("liverelay.pacing.fallback", StringComparison.Ordinal) && v.Value > 0)),
        };
    }

    /// <summary>
    /// The first second from the dead host's lease expiry on in which every operation ran at 0.95 of
    /// <paramref name="target"/> or more over the next three seconds (within the topped-up window), as time after the expiry.
    /// </summary>
    private static TimeSpan? Recovery(RateSeries rates, DateTimeOffset start, DateTimeOffset leaseExpired, DateTimeOffset end, Func<string, double> target)
    {
        var first = (int)Math.Floor((leaseExpired - start).TotalSeconds);
        var length = Math.Min((int)(end - start).TotalSeconds, rates.PerSecond.Values.Select(static v => v.Length).DefaultIfEmpty(0).Min());
        for (var second = Math.Max(0, first); second + RecoveryWindowSeconds <= length; second++)
        {
            var recovered = rates.PerSecond.All(series =>
                series.Value.Skip(second).Take(RecoveryWindowSeconds).Average() >= RecoveredShare * target(series.Key));
            if (recovered)
            {
                var at = start.AddSeconds(second);
                return at > leaseExpired ? at - leaseExpired : TimeSpan.Zero;
            }
        }

        return null;
    }

    /// <summary>An operation's mean rate over the ten seconds before the kill: what the fleet ran at on this machine.</summary>
    private static double RateBefore(RateSeries rates, DateTimeOffset start, DateTimeOffset kill, string action)
    {
        var killSecond = (int)Math.Floor((kill - start).TotalSeconds);
        var from = Math.Max(0, killSecond - 10);
        return rates.PerSecond.TryGetValue(action, out var series) && killSecond > from ? series[from..killSecond].Average() : 0;
    }

    private int Limit(string action) => action == LiveApiActions.SendMessageToGroup ? options.GroupLimit : options.UserLimit;

    private static async Task DelayUntilAsync(DateTimeOffset at, CancellationToken cancellationToken)
    {
        var wait = at - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string I(FormattableString text) => FormattableString.Invariant(text);
}
