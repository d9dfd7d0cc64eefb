using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;
using LiveRelay.AlibabaCloud.Messaging;
using LiveRelay.Harness.Cost;
using LiveRelay.Harness.Hostile;
using LiveRelay.Harness.Scenarios;

namespace LiveRelay.Harness.Reporting;

/// <summary>Writes report.md (and its SVG charts) into the report folder.</summary>
internal static class MarkdownReport
{
    private const string GroupColor = "#1f77b4";
    private const string UserColor = "#d62728";

    public static string Write(string folder, HarnessResults results, string? commit)
    {
        ArgumentNullException.ThrowIfNull(results);
        var md = new StringBuilder();
        md.AppendLine("# LiveRelay harness report").AppendLine();
        md.AppendLine(I($"- When: {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC; the whole run took {results.Elapsed.TotalMinutes:0.0} minutes"));
        md.AppendLine(I($"- Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}; load average at the start {results.LoadAverageAtStart ?? "unknown"} (1/5/15 min; whatever else runs on the machine shows in every figure)"));
        if (commit is not null)
        {
            md.AppendLine(I($"- Commit: `{commit}`"));
        }

        md.AppendLine("- Standalone host: a separate process (`dotnet LiveRelay.Standalone.dll`, Release), queues on Azurite (its own process), the Live API emulator in the harness process with the documented limits (SendMessageToGroup 100/s, SendLiveMessageUser 50/s); everything on 127.0.0.1.");
        md.AppendLine(I($"- Verdict: **{(results.Held ? "every checked promise held" : "a promise was broken (see below)")}**")).AppendLine();

        if (results.Load is { } load)
        {
            WriteLoad(md, load);
            File.WriteAllText(Path.Combine(folder, "load-rate.svg"), RateChart("Load: calls the Live API accepted per second", load.Rates, [], true));
            File.WriteAllText(Path.Combine(folder, "load-backlog.svg"), BacklogChart("Load: messages on live-messages", load.Rates, load.Backlog, []));
        }

        if (results.Cost is { } cost)
        {
            CostReport.Write(md, cost);
        }

        if (results.ColdStart is { } coldStart)
        {
            CostReport.WriteColdStart(md, coldStart);
        }

        if (results.FanOut is { } fanOut)
        {
            WriteFanOut(md, fanOut);
            File.WriteAllText(Path.Combine(folder, "fanout-rate.svg"), RateChart(I($"Fan-out: one event, {fanOut.Recipients:N0} recipients"), fanOut.Rates, [], false));
            if (fanOut.OnAzurite)
            {
                File.WriteAllText(Path.Combine(folder, "fanout-backlog.svg"), BacklogChart("Fan-out: messages on live-messages", fanOut.Rates, fanOut.Backlog, []));
            }
        }

        if (results.Soak is { } soak)
        {
            WriteSoak(md, soak);
            File.WriteAllText(
                Path.Combine(folder, "soak-rate.svg"),
                RateChart("Fault soak: calls the Live API accepted per second", soak.Rates, [((soak.Killed - soak.Start).TotalSeconds, "SIGKILL"), ((soak.Ready - soak.Start).TotalSeconds, "ready")], true));
            File.WriteAllText(
                Path.Combine(folder, "soak-backlog.svg"),
                BacklogChart("Fault soak: messages on live-messages", soak.Rates, soak.Backlog, [((soak.Killed - soak.Start).TotalSeconds, "SIGKILL")]));
        }

        if (results.Hostile is { } hostile)
        {
            WriteHostile(md, hostile);
        }

        if (results.Fleet is { } fleet)
        {
            FleetReport.Write(md, folder, fleet);
        }

        var path = Path.Combine(folder, "report.md");
        File.WriteAllText(path, md.ToString());
        return path;
    }

    private static void WriteLoad(StringBuilder md, LoadResult load)
    {
        md.AppendLine("## Load").AppendLine();
        md.AppendLine(I($"Closed loop, {load.Options.Concurrency} requests in flight, {load.Options.WarmUp.TotalSeconds:0} s warm-up, then up to {load.Options.Duration.TotalSeconds:0} s or {load.Options.MaxRequests:N0} webhooks. Each webhook is Standard-Webhooks-signed and becomes one message (two SendMessageToGroup for every SendLiveMessageUser, the ratio of the limits), queued on Azurite (queued delivery). The baseline is a trivial ASP.NET Core endpoint (reads the body, answers 202) in its own process, driven the same way.")).AppendLine();
        md.AppendLine("| intake | requests | requests/s | p50 ms | p90 ms | p99 ms | max ms | answers |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---|");
        Row(md, "baseline: trivial ASP.NET Core endpoint", load.Baseline);
        Row(md, "baseline: Azurite alone, one enqueue per operation", load.QueueBaseline);
        Row(md, "LiveRelay standalone host, in-memory queues (its own cost)", load.InMemoryIntake);
        Row(md, "**LiveRelay standalone host, Azurite queues**", load.Intake);
        md.AppendLine().AppendLine(I($"**Intake throughput (host + Azurite): {load.Intake.RequestsPerSecond:N0} requests/s = {load.IntakeRatio:P1} of the trivial endpoint's {load.Baseline.RequestsPerSecond:N0}/s**; p50 {load.Intake.Latency.P50:0.0} ms, p99 {load.Intake.Latency.P99:0.0} ms. Every accepted webhook is an enqueue before its 202, so this is bound by the queue service: {load.IntakeToQueueRatio:P0} of what Azurite alone takes on an empty store (Azurite's in-memory store slows as messages pile up, and here the host's own queue processor reads and deletes at the same time). The host's own intake cost shows with in-memory queues: {load.InMemoryIntake.RequestsPerSecond:N0} requests/s = {load.InMemoryIntakeRatio:P0} of the trivial endpoint.")).AppendLine();

        md.AppendLine("| delivery | calls accepted | mean rate /s (first to last call) | share of the API limit | rate while the backlog drained (after intake) | share of the limit | peak in one second | throttled calls |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var operation in load.Operations)
        {
            md.AppendLine(I($"| {operation.Operation} (limit {operation.Limit}/s) | {operation.Delivered:N0} | {operation.MeanRate:0.0} | {operation.ShareOfLimit:P1} | {operation.BacklogRate:0.0} | {operation.BacklogShareOfLimit:P1} | {operation.PeakRate} | {operation.Throttled} |"));
        }

        md.AppendLine();
        md.AppendLine("| | |");
        md.AppendLine("|---|---|");
        md.AppendLine(I($"| messages accepted / delivered / lost | {load.Audit.Accepted:N0} / {load.Audit.Delivered:N0} / {load.Audit.Lost.Count} |"));
        md.AppendLine(I($"| duplicate deliveries | {load.Audit.DuplicateDeliveries} |"));
        md.AppendLine(I($"| messages the host could not delete after delivering (Azurite reset the connection) | {load.SettleFailures}; {load.LeftOnQueue} still on live-messages at the end, to be delivered again when their lease (10 minutes by default) ends |"));
        md.AppendLine(I($"| from the first webhook to the last delivery | {load.DeliveryTime.TotalSeconds:0.0} s |"));
        md.AppendLine(I($"| peak in-flight messages (live-messages) | {(load.PeakInFlight?.ToString(CultureInfo.InvariantCulture) ?? "not reported")} (host.json allows {load.InFlightLimit}) |"));
        md.AppendLine(I($"| host peak working set | {load.Host.PeakWorkingSetMegabytes:0} MB |"));
        md.AppendLine(I($"| host CPU, whole run | {load.Host.CpuTime.TotalSeconds:0.0} s = **{load.CpuMillisecondsPerDeliveredMessage:0.00} ms per delivered message** (intake, queueing, pacing, signing, calling) |"));
        md.AppendLine(I($"| host CPU during intake | {load.IntakeCpu.TotalSeconds:0.0} s = {load.IntakeCpuMillisecondsPerRequest:0.00} ms per webhook |"));
        md.AppendLine().AppendLine("![delivered rate over time](load-rate.svg)").AppendLine();
        md.AppendLine("![backlog over time](load-backlog.svg)").AppendLine();
    }

    private static void WriteFanOut(StringBuilder md, FanOutResult fanOut)
    {
        md.AppendLine("## Fan-out").AppendLine();
        md.AppendLine(I($"One campaign webhook with {fanOut.Recipients:N0} recipients, one SendLiveMessageUser each (limit {fanOut.Operation.Limit}/s). Queues: {(fanOut.OnAzurite ? "Azurite" : "in memory (Azurite's in-memory store works through the whole queue on every call, and with 10,000 messages on one queue it stops answering within the host's 30-second request limit on a small machine; `--fanout-azurite` runs it there anyway)")}.")).AppendLine();
        md.AppendLine("| | |");
        md.AppendLine("|---|---|");
        md.AppendLine(I($"| answer | {fanOut.Status} |"));
        md.AppendLine(I($"| time to enqueue all (until the 202) | {fanOut.EnqueueTime.TotalSeconds:0.0} s ({fanOut.Recipients / Math.Max(0.001, fanOut.EnqueueTime.TotalSeconds):N0} messages/s) |"));
        md.AppendLine(I($"| time to deliver all | {(fanOut.DeliveryTime is { } t ? t.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s" : "not all delivered")} |"));
        md.AppendLine(I($"| theoretical minimum ({fanOut.Recipients:N0} / {fanOut.Operation.Limit} per s) | {fanOut.TheoreticalMinimum.TotalSeconds:0.0} s |"));
        md.AppendLine(I($"| **delivery time against the minimum** | **{fanOut.Efficiency:P1} of the fastest possible** |"));
        md.AppendLine(I($"| mean delivery rate / peak in one second | {fanOut.Operation.MeanRate:0.0}/s ({fanOut.Operation.ShareOfLimit:P1} of the limit) / {fanOut.Operation.PeakRate} |"));
        md.AppendLine(I($"| throttled calls | {fanOut.Operation.Throttled} |"));
        md.AppendLine(I($"| delivered / lost / duplicate deliveries | {fanOut.Audit.Delivered:N0} / {fanOut.Audit.Lost.Count} / {fanOut.Audit.DuplicateDeliveries} |"));
        md.AppendLine(I($"| peak in-flight messages | {(fanOut.PeakInFlight?.ToString(CultureInfo.InvariantCulture) ?? "not reported")} |"));
        md.AppendLine(I($"| messages the host could not delete after delivering | {fanOut.SettleFailures} |"));
        md.AppendLine(I($"| host peak working set / CPU | {fanOut.Host.PeakWorkingSetMegabytes:0} MB / {fanOut.Host.CpuTime.TotalSeconds:0.0} s ({fanOut.Host.CpuTime.TotalMilliseconds / Math.Max(1, fanOut.Audit.Delivered):0.00} ms per message) |"));
        md.AppendLine().AppendLine("![delivered rate over time](fanout-rate.svg)").AppendLine();
        if (fanOut.OnAzurite)
        {
            md.AppendLine("![backlog over time](fanout-backlog.svg)").AppendLine();
        }
    }

    private static void WriteSoak(StringBuilder md, FaultSoakResult soak)
    {
        var o = soak.Options;
        var f = o.Faults;
        md.AppendLine("## Fault soak").AppendLine();
        md.AppendLine(I($"{o.Events:N0} webhooks at {o.WebhooksPerSecond}/s for {o.Duration.TotalSeconds:0} s (one in {o.UnknownAppEvery} for an app the API does not know, so refused for good). The emulator injects, with seed {f.Seed}: {f.ServerErrorShare:P0} 500s, {f.ServiceUnavailableShare:P0} 503s, {f.ThrottlingShare:P0} throttling, {f.TimeoutShare:P0} timeouts, {f.DropShare:P0} dropped connections. After {o.KillAfter.TotalSeconds:0} s the host process gets SIGKILL and a new one starts on the same port. API call timeout {o.ApiTimeout.TotalSeconds:0} s; message lease {o.MessageLease.TotalSeconds:0} s (`LiveRelay:Queues:MessageLease`; the default is 10 minutes, the Functions runtime's, and is how long a crashed host's in-flight messages stay invisible).")).AppendLine();
        md.AppendLine("| | |");
        md.AppendLine("|---|---|");
        md.AppendLine(I($"| webhooks accepted / refused / given up | {soak.Webhooks.Accepted:N0} / {soak.Webhooks.Rejected} / {soak.Webhooks.GaveUp} (attempts {soak.Webhooks.Attempts:N0}; retried: {Describe(soak.Webhooks.FailedAttempts)}) |"));
        md.AppendLine(I($"| messages accepted | {soak.Audit.Accepted:N0} |"));
        md.AppendLine(I($"| delivered | {soak.Audit.Delivered:N0} |"));
        md.AppendLine(I($"| poisoned, by reason | {soak.Audit.Poisoned:N0}: {Describe(soak.Audit.PoisonedByCode)} |"));
        md.AppendLine(I($"| parked without a reason | {soak.Audit.ParkedWithoutReason} |"));
        md.AppendLine(I($"| **lost** | **{soak.Audit.Lost.Count}** |"));
        md.AppendLine(I($"| duplicates by MsgTid (user) and by event (group) | {soak.Audit.Duplicates.Count} messages delivered more than once, {soak.Audit.DuplicateDeliveries} extra deliveries |"));
        md.AppendLine(I($"| delivered and also poisoned | {soak.Audit.DeliveredAndPoisoned} |"));
        md.AppendLine(I($"| messages a host could not delete after handling (back after the lease) | {soak.SettleFailures} |"));
        md.AppendLine(I($"| faults injected | {Describe(soak.Emulator.Faults)} |"));
        md.AppendLine(I($"| throttled by the rate limit / refused | {Describe(soak.Emulator.Throttled)} / {Describe(soak.Emulator.Rejected)} |"));
        md.AppendLine(I($"| kill → new host ready | {soak.Downtime.TotalSeconds:0.0} s |"));
        md.AppendLine(I($"| kill → first delivery by the new host | {(soak.TimeToFirstDelivery is { } first ? first.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s" : "none")} |"));
        md.AppendLine(I($"| **recovery: kill → every message accepted before the kill ({soak.AcceptedBeforeKill:N0}) delivered or parked** | **{(soak.RecoveryTime is { } recovery ? recovery.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s" : "not all")}** (backlog at the kill: {soak.BacklogAtKill?.ToString(CultureInfo.InvariantCulture) ?? "unknown"} messages; what the killed host held comes back after the {o.MessageLease.TotalSeconds:0} s lease) |"));
        md.AppendLine(I($"| delivery rate over the run (calls accepted per second) | SendMessageToGroup {soak.Rates.Mean(LiveApiActions.SendMessageToGroup):0.0}, SendLiveMessageUser {soak.Rates.Mean(LiveApiActions.SendLiveMessageUser):0.0} |"));
        md.AppendLine(I($"| last host stopped cleanly on SIGTERM | {(soak.CleanStop ? "yes" : "no")} |"));
        md.AppendLine(I($"| host peak working set / CPU (both processes) | {soak.Host.PeakWorkingSetMegabytes:0} MB / {soak.Host.CpuTime.TotalSeconds:0.0} s |"));
        foreach (var (code, reason) in soak.Audit.ReasonByCode)
        {
            md.AppendLine(I($"| a reason for {code} | {reason.Replace("|", "\\|", StringComparison.Ordinal)} |"));
        }

        md.AppendLine().AppendLine("![delivered rate over time](soak-rate.svg)").AppendLine();
        md.AppendLine("![backlog over time](soak-backlog.svg)").AppendLine();
    }

    private static void WriteHostile(StringBuilder md, HostileRunResult hostile)
    {
        md.AppendLine("## Hostile input").AppendLine();
        md.AppendLine(I($"{hostile.Cases.Count} cases from `tests/hostile/cases` against the standalone host (in-process, queues on Azurite, emulator, function keys on), in {hostile.Elapsed.TotalSeconds:0} s. Each must get a 4xx (or, on a queue, be parked in its poison queue with a reason at the first attempt), never a 5xx, and put nothing on live-messages nor call the Live API.")).AppendLine();
        md.AppendLine("| category | cases | passed | answers |");
        md.AppendLine("|---|---:|---:|---|");
        foreach (var group in hostile.Cases.GroupBy(static c => c.Case.Category))
        {
            var answers = string.Join(", ", group.GroupBy(static c => c.Observed).OrderBy(static g => g.Key, StringComparer.Ordinal).Select(static g => I($"{g.Key} ×{g.Count()}")));
            md.AppendLine(I($"| {group.Key} | {group.Count()} | {group.Count(static c => c.Passed)} | {answers} |"));
        }

        md.AppendLine().AppendLine(I($"**{hostile.Passed} of {hostile.Cases.Count} passed; messages put on live-messages: {hostile.MessagesQueued}; Live API calls: {hostile.ApiCalls}.**")).AppendLine();
        foreach (var failed in hostile.Cases.Where(static c => !c.Passed))
        {
            md.AppendLine(I($"- FAILED `{failed.Case.Id}` ({failed.Case.About}): {failed.Observed}: {string.Join("; ", failed.Problems)}"));
        }

        md.AppendLine();
    }

    private static string RateChart(string title, RateSeries rates, IReadOnlyList<(double At, string Label)> markers, bool bothOperations)
    {
        var chart = new SvgLineChart(title, "calls per second");
        if (bothOperations)
        {
            chart.Level(100, "group limit 100/s", GroupColor);
        }

        chart.Level(50, "user limit 50/s", UserColor);
        if (rates.PerSecond.TryGetValue(LiveApiActions.SendMessageToGroup, out var group))
        {
            chart.Series("SendMessageToGroup", [.. group.Select(static v => (double)v)], GroupColor);
        }

        if (rates.PerSecond.TryGetValue(LiveApiActions.SendLiveMessageUser, out var user))
        {
            chart.Series("SendLiveMessageUser", [.. user.Select(static v => (double)v)], UserColor);
        }

        foreach (var (at, label) in markers)
        {
            chart.Marker(at, label, "#555");
        }

        return chart.Render();
    }

    private static string BacklogChart(string title, RateSeries rates, IReadOnlyList<BacklogSample> backlog, IReadOnlyList<(double At, string Label)> markers)
    {
        var seconds = rates.PerSecond.Values.Select(static v => v.Length).DefaultIfEmpty(1).Max();
        var chart = new SvgLineChart(title, "messages").Series("live-messages (visible or not)", BacklogSampler.PerSecond(backlog, rates.Start, seconds), "#555");
        foreach (var (at, label) in markers)
        {
            chart.Marker(at, label, "#555");
        }

        return chart.Render();
    }

    private static void Row(StringBuilder md, string name, Load.LoadRun run) =>
        md.AppendLine(I($"| {name} | {run.Requests:N0} | {run.RequestsPerSecond:N0} | {run.Latency.P50:0.0} | {run.Latency.P90:0.0} | {run.Latency.P99:0.0} | {run.Latency.Max:0.0} | {Describe(run.Statuses.ToDictionary(static s => s.Key.ToString(CultureInfo.InvariantCulture), static s => s.Value))}{(run.Failures > 0 ? I($", no answer ×{run.Failures}") : string.Empty)} |"));

    private static string Describe<T>(IReadOnlyDictionary<string, T> counts) where T : INumber<T>
    {
        var nonZero = counts.Where(static c => c.Value != T.Zero).OrderBy(static c => c.Key, StringComparer.Ordinal).ToList();
        return nonZero.Count == 0 ? "none" : string.Join(", ", nonZero.Select(static c => I($"{c.Key} ×{c.Value}")));
    }

    private static string I(FormattableString text) => FormattableString.Invariant(text);
}
