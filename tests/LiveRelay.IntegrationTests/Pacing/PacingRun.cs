using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using LiveRelay.AlibabaCloud.Messaging;
using LiveRelay.IntegrationTests.Infrastructure;
using LiveRelay.Messages;
using LiveRelay.Queues;

namespace LiveRelay.IntegrationTests.Pacing;

/// <summary>
/// A paced run: an emulator with the given per-operation limits, a host pacing at the same rates (one instance), and a
/// backlog on <c>live-messages</c> larger than the run can deliver, so the sender is never short of work. The rate
/// delivered is counted from the emulator's arrival timestamps over the window that starts one second after each
/// operation's first arrival: the first calls open connections, and their late arrivals bunch up those behind them.
/// </summary>
public static class PacingRun
{
    /// <summary>The backlog holds this much more than the window can deliver.</summary>
    private const double BacklogFactor = 1.25;

    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(1);

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

        var fill = Stopwatch.StartNew();
        await queues.PutEnvelopesAsync(Backlog(groupRate, userRate, window));
        var fillTime = fill.Elapsed;

        var settings = RelaySettings.For(account, emulator);
        settings["LiveRelay:Delivery:InstanceCount"] = "1";
        settings["LiveRelay:Delivery:SendMessageToGroup"] = groupRate.ToString(invariant);
        settings["LiveRelay:Delivery:SendLiveMessageUser"] = userRate.ToString(invariant);
        settings["LiveRelay:Delivery:MaxAttempts"] = "5";
        settings["LiveRelay:Delivery:RetryBaseDelay"] = "00:00:00.2";
        int peakInFlight;
        await using (var host = await RelayHost.StartAsync(settings))
        {
            await Eventually.WaitUntilAsync(
                () => FirstArrival(emulator, LiveApiActions.SendMessageToGroup) is { } g && FirstArrival(emulator, LiveApiActions.SendLiveMessageUser) is { } u
                    && DateTimeOffset.UtcNow > (g > u ? g : u) + WarmUp + window + TimeSpan.FromMilliseconds(500),
                window + TimeSpan.FromSeconds(30),
                () => EmulatorServer.Describe(emulator.Statistics.Snapshot()));
            peakInFlight = host.Processor(QueueNames.LiveMessages).PeakInFlightCount;
            Assert.DoesNotContain(host.Logs.Entries, static e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Error);
        }

        return new PacingResult(
            Measure(emulator, LiveApiActions.SendMessageToGroup, groupRate, window),
            Measure(emulator, LiveApiActions.SendLiveMessageUser, userRate, window),
            emulator.Throttled(),
            peakInFlight,
            fillTime);
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
            action, limit, window, inWindow, busiestSecond, gaps.Count == 0 ? 0 : gaps[gaps.Count / 2], gaps.Count(g => g > 1.5 * interval));
    }

    private static List<MessageEnvelope> Backlog(double groupRate, double userRate, TimeSpan window)
    {
        var seconds = (window + WarmUp).TotalSeconds;
        var groups = (int)Math.Ceiling(groupRate * seconds * BacklogFactor);
        var users = (int)Math.Ceiling(userRate * seconds * BacklogFactor);
        var now = DateTimeOffset.UtcNow;
        var envelopes = new List<MessageEnvelope>(groups + users);

        // Interleaved in proportion to the rates, so that neither operation's share of the queue runs out first.
        for (int g = 0, u = 0; g < groups || u < users;)
        {
            if (u >= users || (g < groups && g * userRate <= u * groupRate))
            {
                var id = MessageIds.ForMessage("pacing", "group", g);
                var data = JsonSerializer.Serialize(new { n = g });
                envelopes.Add(new MessageEnvelope(id, "pacing", "group", now, new GroupLiveMessage(new SendMessageToGroupRequest
                {
                    AppId = EmulatorServer.AppId, GroupId = "room" + (g % 50).ToString(CultureInfo.InvariantCulture), OperatorUserId = "pacer", Data = data,
                })));
                g++;
            }
            else
            {
                var id = MessageIds.ForMessage("pacing", "user", u);
                envelopes.Add(new MessageEnvelope(id, "pacing", "user", now, new UserLiveMessage(new SendLiveMessageUserRequest
                {
                    AppId = EmulatorServer.AppId, ReceiverId = "user" + u.ToString(CultureInfo.InvariantCulture), SenderId = "pacer", Body = "paced", MsgTid = id,
                })));
                u++;
            }
        }

        return envelopes;
    }
}
