using System.Globalization;
using System.Text;
using LiveRelay.AlibabaCloud.Messaging;
using LiveRelay.Harness.Scenarios;

namespace LiveRelay.Harness.Reporting;

/// <summary>The fleet run's part of report.md: the table of cases, what each host reported, and a chart per case of calls per second per process and in total against the limits.</summary>
internal static class FleetReport
{
    private static readonly string[] ProcessColors = ["#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f"];
    private const string GroupColor = "#1f77b4";
    private const string UserColor = "#d62728";

    public static void Write(StringBuilder md, string folder, FleetResult fleet)
    {
        ArgumentNullException.ThrowIfNull(md);
        ArgumentNullException.ThrowIfNull(fleet);
        var options = fleet.Options;
        md.AppendLine("## Fleet pacing").AppendLine();
        md.AppendLine(I($"Standalone host processes share one Azurite (queues on disk, and the pacing coordinator's table) and one emulator enforcing SendMessageToGroup {options.GroupLimit}/s and SendLiveMessageUser {options.UserLimit}/s, answering in {options.Latency.TotalMilliseconds:0} to {(options.Latency + options.LatencyJitter).TotalMilliseconds:0} ms. `live-messages` is kept topped up ({options.TopUpSeconds:0} s of each limit waiting, two group messages for every user message); a fan-out enqueues all its messages at once. Calls are counted from the emulator's arrival times, per process by the key pair it signs with. \"Share of limit\" is calls accepted in the window ÷ (limit × window), summed over processes; \"steady\" leaves out the first {options.SettleTime.TotalSeconds:0} s, while shares settle.{(options.WarmUp > TimeSpan.Zero ? I($" Before the first case one process delivers for {options.WarmUp.TotalSeconds:0} s, not counted: the emulator and the feeder run in the harness process, and the first case would otherwise pay for their JIT.") : "")} Throttled is the share of calls the emulator refused for going over the limit. Lost: recorded messages neither delivered, parked in poison, nor still on the queue at the end.")).AppendLine();
        md.Append(Table(fleet));
        md.AppendLine();
        foreach (var result in fleet.Cases)
        {
            WriteCase(md, result);
            var file = I($"fleet-{result.Case.Name}.svg");
            File.WriteAllText(Path.Combine(folder, file), Chart(result, options));
            md.AppendLine(I($"![{result.Case.Title}: calls per second]({file})")).AppendLine();
        }
    }

    /// <summary>The table of cases (Markdown), also printed at the end of a run.</summary>
    public static string Table(FleetResult fleet)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        var md = new StringBuilder();
        md.AppendLine("| case | processes | SendMessageToGroup share of limit (steady) | SendLiveMessageUser share of limit (steady) | throttled | lost | duplicates | also | load average |");
        md.AppendLine("|---|---:|---|---|---:|---:|---:|---|---|");
        foreach (var result in fleet.Cases)
        {
            var group = result.Operations.Single(static o => o.Operation == LiveApiActions.SendMessageToGroup);
            var user = result.Operations.Single(static o => o.Operation == LiveApiActions.SendLiveMessageUser);
            var throttled = (double)(group.Throttled + user.Throttled) / Math.Max(1, group.Delivered + user.Delivered + group.Throttled + user.Throttled);
            md.AppendLine(I($"| {result.Case.Title} | {Processes(result)} | {group.ShareOfLimit:0.000} ({group.SteadyShareOfLimit:0.000}) | {user.ShareOfLimit:0.000} ({user.SteadyShareOfLimit:0.000}) | {throttled:P2} ({group.Throttled + user.Throttled}) | {result.Lost} | {result.Audit.DuplicateDeliveries} | {Notes(result)} | {result.LoadAverage ?? "?"} |"));
        }

        return md.ToString();
    }

    private static string Processes(FleetCaseResult result)
    {
        var busy = result.Processes.Count(static p => !p.Idle);
        var idle = result.Processes.Count - busy;
        return idle > 0 ? I($"{busy} + {idle} idle") : I($"{busy}");
    }

    private static string Notes(FleetCaseResult result)
    {
        var notes = new List<string>();
        if (result.Case.FanOut is { } recipients)
        {
            notes.Add(result.DeliveryTime is { } time
                ? I($"all {recipients:N0} delivered in {time.TotalSeconds:0.0} s (minimum {recipients / (double)result.Operations.Single(static o => o.Operation == LiveApiActions.SendLiveMessageUser).Limit:0} s)")
                : I($"not all {recipients:N0} delivered"));
            notes.Add(I($"poisoned {result.Audit.Poisoned}"));
            notes.Add(I($"held {result.HeldSecondsPerDelivered:0.00} s per delivered message"));
        }

        if (result.Case.KillAt is not null)
        {
            notes.Add(result.Recovery is { } recovery
                ? I($"back at ≥ 0.95 of both limits {recovery.TotalSeconds:0} s after the dead host's share lease ended")
                : "never back at 0.95 of both limits after the dead host's lease ended");
            notes.Add(result.RecoveryToRateBeforeKill is { } regained
                ? I($"back at ≥ 0.95 of the rate before the kill {regained.TotalSeconds:0} s after that lease ended")
                : "never back at 0.95 of the rate before the kill");
        }

        if (result.Case.CoordinatorUnreachable)
        {
            notes.Add(I($"{result.Processes.Count(static p => p.FellBack)} of {result.Processes.Count} on the fallback share"));
        }

        if (result.Case.IdleProcess)
        {
            notes.Add(I($"the idle one made {result.Processes.Where(static p => p.Idle).Sum(static p => p.Delivered.Values.Sum())} calls"));
        }

        if (result.Coordinator.Count > 0)
        {
            notes.Add(I($"granted at most {result.MostGranted(LiveApiActions.SendMessageToGroup):0.##}/s and {result.MostGranted(LiveApiActions.SendLiveMessageUser):0.##}/s in all ({result.Coordinator.Count} reads of the coordinator)"));
        }

        var deferred = result.Processes.Sum(static p => p.Deferred);
        if (deferred > 0)
        {
            notes.Add(I($"{deferred:0} handed back for pacing"));
        }

        if (result.StillQueued > 0)
        {
            notes.Add(I($"{result.StillQueued} still queued at the end"));
        }

        if (result.EnqueueFailures > 0)
        {
            notes.Add(I($"{result.EnqueueFailures} enqueues failed (not counted)"));
        }

        return notes.Count == 0 ? string.Empty : string.Join("; ", notes);
    }

    private static void WriteCase(StringBuilder md, FleetCaseResult result)
    {
        md.AppendLine(I($"### {result.Case.Title}")).AppendLine();
        md.AppendLine(I($"Window {result.Window.TotalSeconds:0.0} s. Recorded {result.Audit.Accepted:N0} messages: {result.Audit.Delivered:N0} delivered ({result.Audit.DeliveredCalls:N0} calls), {result.Audit.Poisoned} poisoned, {result.StillQueued} still queued, {result.Lost} lost, {result.Audit.DuplicateDeliveries} duplicate deliveries. Time held in host processes: {result.HeldSecondsPerDelivered:0.00} s per delivered message.")).AppendLine();
        md.AppendLine("| process | calls in the window (group / user) | last share reported in the window (group / user, senders) | share changes | handed back | throttling answers | held (s) |");
        md.AppendLine("|---|---|---|---:|---:|---:|---:|");
        foreach (var process in result.Processes)
        {
            var name = I($"{process.Number}{(process.Idle ? " (idle)" : string.Empty)}{(process.Killed is { } killed ? I($" (killed at {(killed - result.Start).TotalSeconds:0} s)") : string.Empty)}");
            md.AppendLine(I($"| {name} | {process.Delivered.GetValueOrDefault(LiveApiActions.SendMessageToGroup)} / {process.Delivered.GetValueOrDefault(LiveApiActions.SendLiveMessageUser)} | {LastShare(result, process, LiveApiActions.SendMessageToGroup)} / {LastShare(result, process, LiveApiActions.SendLiveMessageUser)} | {process.Shares.Count} | {process.Deferred:0} | {process.Throttled:0} | {process.HeldSeconds:0.0} |"));
        }

        var why = result.Processes.SelectMany(static p => p.PacingLines).FirstOrDefault(static l => l.Contains("fallback", StringComparison.OrdinalIgnoreCase));
        if (why is not null)
        {
            md.AppendLine().AppendLine(I($"The log says: `{why.Trim()}`"));
        }

        md.AppendLine();
    }

    /// <summary>The last share a process reported within the window (after it, each drains what is left and gives its share back).</summary>
    private static string LastShare(FleetCaseResult result, FleetProcessFigures process, string operation) =>
        process.Shares.LastOrDefault(s => s.Operation == operation && s.At < result.Start + result.Window) is { } share ? I($"{share.Share:0.##}/s ({share.Holders})") : "none";

    private static string Chart(FleetCaseResult result, FleetOptions options)
    {
        var chart = new SvgLineChart(I($"Fleet, {result.Case.Title}: calls accepted per second"), "calls per second")
            .Level(options.GroupLimit, I($"group limit {options.GroupLimit}/s"), GroupColor)
            .Level(options.UserLimit, I($"user limit {options.UserLimit}/s"), UserColor);
        if (result.Rates.PerSecond.TryGetValue(LiveApiActions.SendMessageToGroup, out var group))
        {
            chart.Series("all, SendMessageToGroup", [.. group.Select(static v => (double)v)], GroupColor);
        }

        if (result.Rates.PerSecond.TryGetValue(LiveApiActions.SendLiveMessageUser, out var user))
        {
            chart.Series("all, SendLiveMessageUser", [.. user.Select(static v => (double)v)], UserColor);
        }

        foreach (var process in result.Processes)
        {
            chart.Series(I($"process {process.Number}, both"), process.CallsPerSecond, ProcessColors[(process.Number - 1) % ProcessColors.Length]);
            if (process.Killed is { } killed)
            {
                chart.Marker((killed - result.Start).TotalSeconds, I($"SIGKILL {process.Number}"), "#555");
            }
            else if (process.Ready > result.Start.AddSeconds(1))
            {
                chart.Marker((process.Ready - result.Start).TotalSeconds, I($"{process.Number} ready"), "#555");
            }
        }

        if (result.LeaseExpired is { } expired)
        {
            chart.Marker((expired - result.Start).TotalSeconds, "share lease ends", "#555");
        }

        if (result.Case.FanOut is null)
        {
            chart.Marker(result.Window.TotalSeconds, "window ends", "#555");
        }

        return chart.Render();
    }

    private static string I(FormattableString text) => FormattableString.Invariant(text);
}
