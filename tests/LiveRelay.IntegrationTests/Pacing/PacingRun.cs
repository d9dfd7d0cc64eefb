using System.Globalization;
using System.Text.Json;
using LiveRelay.AlibabaCloud.Messaging;
using LiveRelay.IntegrationTests.Infrastructure;
using LiveRelay.Messages;
using LiveRelay.Queues;

namespace LiveRelay.IntegrationTests.Pacing;

/// <summary>
/// A paced run: an emulator with the given per-operation limits, a host pacing at the same rates (one instance), and a
/// producer that keeps <c>live-messages</c> about a second and a half of work deep throughout, so the sender is never
/// short of work. (Azurite's in-memory queue gets slower with depth: receiving and deleting 16 messages takes about
/// 25 ms with 100 in the queue and 350 ms with 6,000, so the backlog is topped up as it drains, never put there at once.) The rate delivered is counted from the emulator's arrival timestamps over the window that starts one
/// second after each operation's first arrival: the first calls open connections, and their late arrivals bunch up
/// those behind them.
/// </summary>
public static class PacingRun
{
    /// <summary>How much work the queue holds, in seconds at the configured rates.</summary>
    private const double BacklogSeconds = 1.5;

    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan TopUpInterval = TimeSpan.FromMilliseconds(100);

    public static async Task<PacingResult> RunAsync(IntegrationEnvironment environment, double groupRate, double userRate, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var invariant = CultureInfo.InvariantCulture;
        await using var emulator = await EmulatorServer.StartAsync(
        [
            $"--Emulator:RateLimits:SendMessageToGroup={groupRate.ToString(invariant)}",
            $"--Emulator:RateLimits:SendLiveMessageUser={userRate.ToString(invariant)}",
        ]);
        var account = environment.NewStorageAccount();
        await using var queues = StorageQueues.Open(account);
        var backlog = Backlog(groupRate, userRate).GetEnumerator();
        var depth = Math.Max(64, (int)Math.Ceiling((groupRate + userRate) * BacklogSeconds));
        await queues.PutEnvelopesAsync(Take(backlog, depth));

        var settings = RelaySettings.For(account, emulator);
        settings["LiveRelay:Delivery:SendMessageToGroup"] = groupRate.ToString(invariant);
        settings["LiveRelay:Delivery:SendLiveMessageUser"] = userRate.ToString(invariant);
        settings["LiveRelay:Delivery:MaxAttempts"] = "5";
        settings["LiveRelay:Delivery:RetryBaseDelay"] = "00:00:00.2";
        int peakInFlight;
        List<string> hostErrors;
        var producedCount = depth;
        var producerErrors = new System.Collections.Concurrent.ConcurrentBag<string>();
        using var stopProducing = new CancellationTokenSource();
        await using (var host = await RelayHost.StartAsync(settings))
        {
            var producer = Task.Run(async () =>
            {
                while (!stopProducing.IsCancellationRequested)
                {
                    try
                    {
                        var missing = depth - await queues.CountAsync(QueueNames.LiveMessages);
                        if (missing > 0)
                        {
                            await queues.PutEnvelopesAsync(Take(backlog, missing));
                            producedCount += missing;
                        }
                    }
                    catch (MessageQueueException ex)
                    {
                        // A slow answer from Azurite shows up as a gap in the deliveries; the run goes on.
                        producerErrors.Add($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {ex.Message}");
                    }

                    await Task.Delay(TopUpInterval, CancellationToken.None);
                }
            });
            try
            {
                await Eventually.WaitUntilAsync(
                    () => FirstArrival(emulator, LiveApiActions.SendMessageToGroup) is { } g && FirstArrival(emulator, LiveApiActions.SendLiveMessageUser) is { } u
                        && DateTimeOffset.UtcNow > (g > u ? g : u) + WarmUp + window + TimeSpan.FromMilliseconds(500),
                    window + TimeSpan.FromSeconds(30),
                    () => EmulatorServer.Describe(emulator.Statistics.Snapshot()));
            }
            finally
            {
                await stopProducing.CancelAsync();
                await producer;
            }

            peakInFlight = host.Processor(QueueNames.LiveMessages).PeakInFlightCount;
            hostErrors = host.Logs.Entries.Where(static e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Error).Select(static e => e.Message).ToList();
        }

        return new PacingResult(
            Measure(emulator, LiveApiActions.SendMessageToGroup, groupRate, window),
            Measure(emulator, LiveApiActions.SendLiveMessageUser, userRate, window),
            emulator.Throttled(),
            peakInFlight,
            producedCount,
            [.. producerErrors],
            hostErrors,
            PerSecond(emulator));
    }

    /// <summary>Calls accepted in each second of the run (both operations), for seeing where a run slowed down.</summary>
    private static IReadOnlyList<int> PerSecond(EmulatorServer emulator)
    {
        var arrivals = emulator.Recorded().Select(static m => m.ReceivedAt).ToList();
        var start = arrivals.Min();
        return arrivals.GroupBy(a => (int)(a - start).TotalSeconds).OrderBy(static g => g.Key).Select(static g => g.Count()).ToList();
    }

    private static DateTimeOffset? FirstArrival(EmulatorServer emulator, string action) =>
        emulator.Recorded(action).Select(static m => (DateTimeOffset?)m.ReceivedAt).Min();

    private static OperationRate Measure(EmulatorServer emulator, string action, double limit, TimeSpan window)
    {
        var start = emulator.Recorded(action).Min(static m => m.ReceivedAt) + WarmUp;
        var arrivals = emulator.Recorded(action).Select(static m => m.ReceivedAt).Where(a => a >= start).Order().ToList();
        var inWindow = arrivals.Count(a => a < start + window);

        // The busiest one-second stretch anywhere in the window: what the API's per-second limit sees.
        var busiestSecond = 0;
        for (int i = 0, j = 0; i < inWindow; i++)
        {
            while (j < arrivals.Count && arrivals[j] < arrivals[i] + TimeSpan.FromSeconds(1))
            {
                j++;
            }

            busiestSecond = Math.Max(busiestSecond, j - i);
        }

        var gaps = arrivals.Take(inWindow).Zip(arrivals.Skip(1).Take(inWindow - 1), static (a, b) => (b - a).TotalMilliseconds).Order().ToList();
        var interval = 1000 / limit;
        return new OperationRate(
            action, limit, window, inWindow, busiestSecond, gaps.Count == 0 ? 0 : gaps[gaps.Count / 2], gaps.Count(g => g > 1.5 * interval),
            gaps.Count == 0 ? 0 : gaps[^1]);
    }

    private static List<MessageEnvelope> Take(IEnumerator<MessageEnvelope> source, int count)
    {
        var taken = new List<MessageEnvelope>(count);
        while (taken.Count < count && source.MoveNext())
        {
            taken.Add(source.Current);
        }

        return taken;
    }

    /// <summary>Envelopes without end, the two operations interleaved in proportion to their rates.</summary>
    private static IEnumerable<MessageEnvelope> Backlog(double groupRate, double userRate)
    {
        var now = DateTimeOffset.UtcNow;
        for (int g = 0, u = 0; ;)
        {
            if (g * userRate <= u * groupRate)
            {
                var id = MessageIds.ForMessage("pacing", "group", g);
                var data = JsonSerializer.Serialize(new { n = g });
                yield return new MessageEnvelope(id, "pacing", "group", now, new GroupLiveMessage(new SendMessageToGroupRequest
                {
                    AppId = EmulatorServer.AppId, GroupId = "room" + (g % 50).ToString(CultureInfo.InvariantCulture), OperatorUserId = "pacer", Data = data,
                }));
                g++;
            }
            else
            {
                var id = MessageIds.ForMessage("pacing", "user", u);
                yield return new MessageEnvelope(id, "pacing", "user", now, new UserLiveMessage(new SendLiveMessageUserRequest
                {
                    AppId = EmulatorServer.AppId, ReceiverId = "user" + u.ToString(CultureInfo.InvariantCulture), SenderId = "pacer", Body = "paced", MsgTid = id,
                }));
                u++;
            }
        }
    }
}
