using System.Globalization;
using System.Text;

namespace LiveRelay.Harness.Cost;

/// <summary>The cost run's section of the report: every subject's figures and its ratio to the floor, min and median over repeats.</summary>
internal static class CostReport
{
    public static void Write(StringBuilder md, IReadOnlyList<CostMeasurement> measurements)
    {
        ArgumentNullException.ThrowIfNull(md);
        md.AppendLine("## Cost per webhook and per message").AppendLine();
        md.AppendLine("The standalone host (in-memory queues, its own logging settings) next to the trivial ASP.NET Core endpoint and the floor program "
            + "(HMAC verify with FixedTimeEquals, one System.Text.Json parse, a Channel; delivery: dequeue, V3 signing, one HTTP call), "
            + "each its own process, one after the other in this run. Figures are differences of two readings of the process over a window after a warm-up "
            + "(continued in steps until the JIT had settled, within a limit; the warm-up column): "
            + "CPU is user + system time from /proc, work items `ThreadPool.CompletedWorkItemCount`, context switches `getrusage` (voluntary + involuntary, all threads), allocations `GC.GetTotalAllocatedBytes`, "
            + "GC pause `GC.GetTotalPauseDuration`, JIT `JitInfo.GetCompilationTime` (time spent in the JIT on all threads, waiting for a core included, so on a loaded machine it can exceed the CPU time). Each cell: min / median over repeats; the ratio is to the floor's value in the same repeat.").AppendLine();
        md.AppendLine(Table(measurements));
        var throughput = measurements.Where(static m => m.Kind == CostScenario.IntakeKind && m.Subject == CostSubject.LiveRelay)
            .Select(m => measurements.FirstOrDefault(t => t.Kind == CostScenario.IntakeKind && t.Subject == CostSubject.TrivialEndpoint && t.Repeat == m.Repeat) is { } trivial
                ? m.Window.UnitsPerSecond / trivial.Window.UnitsPerSecond
                : double.NaN);
        md.AppendLine(I($"LiveRelay's intake throughput as a share of the trivial endpoint's (same repeat; closed loop, {measurements.Count(static m => m.Kind == CostScenario.IntakeKind && m.Subject == CostSubject.LiveRelay)} repeat(s)): {Spread(throughput, "0.00")}.")).AppendLine();
    }

    public static string Table(IReadOnlyList<CostMeasurement> measurements)
    {
        ArgumentNullException.ThrowIfNull(measurements);
        var md = new StringBuilder();
        md.AppendLine("| what | subject | per second | CPU ms per unit | ratio to floor | work items per unit | context switches per unit | KB allocated per unit | lock contentions/s | JIT in window (ms, wall) | garbage collections in window (of them gen 2) | GC pause in window (ms) | warm-up (s) | process since start: CPU (s), JIT (s, wall) |");
        md.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var group in measurements.GroupBy(static m => (m.Kind, m.Backlog)))
        {
            var what = group.Key.Kind switch
            {
                CostScenario.IntakeKind => "intake, closed loop (per webhook; delivery running)",
                CostScenario.PacedIntakeKind => "intake, paced: the same rate for every subject (per webhook; delivery running)",
                _ => I($"delivery, backlog ≥ {group.Key.Backlog:N0} (per message)"),
            };
            foreach (var subject in group.GroupBy(static m => m.Subject))
            {
                var ratios = subject
                    .Select(m => group.FirstOrDefault(f => f.Subject == CostSubject.Floor && f.Repeat == m.Repeat) is { } floor
                        ? m.Window.CpuMillisecondsPerUnit / floor.Window.CpuMillisecondsPerUnit
                        : double.NaN)
                    .ToList();
                md.AppendLine(string.Join(" | ", [
                    "| " + what,
                    subject.Key.ToString(),
                    Spread(subject.Select(static m => m.Window.UnitsPerSecond), "0.0"),
                    Spread(subject.Select(static m => m.Window.CpuMillisecondsPerUnit), "0.000"),
                    subject.Key == CostSubject.Floor ? "1" : Spread(ratios, "0.00") + "×",
                    Spread(subject.Select(static m => m.Window.WorkItemsPerUnit), "0.0"),
                    Spread(subject.Select(static m => m.Window.ContextSwitchesPerUnit), "0.0"),
                    Spread(subject.Select(static m => m.Window.KilobytesPerUnit), "0.0"),
                    Spread(subject.Select(static m => m.Window.LockContentions / Math.Max(m.Window.Elapsed.TotalSeconds, 0.001)), "0"),
                    Spread(subject.Select(static m => m.Window.JitMilliseconds), "0"),
                    Spread(subject.Select(static m => (double)m.Window.Gen0Collections), "0") + " (" + Spread(subject.Select(static m => (double)m.Window.Gen2Collections), "0") + ")",
                    Spread(subject.Select(static m => m.Window.GcPauseMilliseconds), "0"),
                    Spread(subject.Select(static m => m.WarmUp.TotalSeconds), "0"),
                    Spread(subject.Select(static m => m.ProcessCpu.TotalSeconds), "0.0") + ", " + Spread(subject.Select(static m => m.ProcessJitMilliseconds / 1000), "0.0"),
                ]) + " |");
            }
        }

        return md.ToString();
    }

    public static void WriteColdStart(StringBuilder md, IReadOnlyList<ColdStartResult> results)
    {
        ArgumentNullException.ThrowIfNull(md);
        md.AppendLine("## Cold start").AppendLine();
        md.AppendLine("The standalone host (in-memory queues, its own settings) started afresh for each reading: the time from starting the process "
            + "to the first webhook answered 202 (posted as soon as the port takes connections), to its message accepted by the Live API emulator, "
            + "and the process's CPU time by then. Each cell: min / median over repeats.").AppendLine();
        md.AppendLine(ColdStartTable(results));
    }

    public static string ColdStartTable(IReadOnlyList<ColdStartResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var md = new StringBuilder();
        md.AppendLine("| variant | first webhook answered (ms) | first message delivered (ms) | CPU by then (ms) | note |");
        md.AppendLine("|---|---:|---:|---:|---|");
        foreach (var variant in results.GroupBy(static r => r.Variant))
        {
            md.AppendLine(string.Join(" | ", [
                "| " + variant.Key,
                Spread(variant.Where(static r => r.FirstAnswer is not null).Select(static r => r.FirstAnswer!.Value.TotalMilliseconds), "0"),
                Spread(variant.Where(static r => r.FirstDelivery is not null).Select(static r => r.FirstDelivery!.Value.TotalMilliseconds), "0"),
                Spread(variant.Where(static r => r.CpuAtDelivery is not null).Select(static r => r.CpuAtDelivery!.Value.TotalMilliseconds), "0"),
                string.Join("; ", variant.Select(static r => r.Failure).Where(static f => f is not null).Distinct()),
            ]) + " |");
        }

        return md.ToString();
    }

    /// <summary>"min / median" of the values (one value alone when there is one).</summary>
    public static string Spread(IEnumerable<double> values, string format)
    {
        var sorted = values.Where(static v => !double.IsNaN(v)).Order().ToList();
        if (sorted.Count == 0)
        {
            return "–";
        }

        var median = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
        return sorted.Count == 1
            ? sorted[0].ToString(format, CultureInfo.InvariantCulture)
            : sorted[0].ToString(format, CultureInfo.InvariantCulture) + " / " + median.ToString(format, CultureInfo.InvariantCulture);
    }

    private static string I(FormattableString text) => FormattableString.Invariant(text);
}
