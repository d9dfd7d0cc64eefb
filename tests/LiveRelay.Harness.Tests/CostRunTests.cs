using LiveRelay.Harness.Cost;
using LiveRelay.Harness.Reporting;
using LiveRelay.Harness.Scenarios;
using Xunit.Abstractions;

namespace LiveRelay.Harness.Tests;

/// <summary>
/// The cost run (issue 16), tiny: the standalone host, the floor program and the trivial endpoint each run as their
/// own process and each yields its figures, and the report gives the host's as ratios to the floor. What the figures
/// are is the harness's business, never a test's (the machine may be loaded): only that they were measured.
/// </summary>
public sealed class CostRunTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("liverelay-cost-").FullName;

    [Fact]
    public async Task Every_subject_yields_its_figures_and_the_report_gives_ratios_to_the_floor()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        using var progress = new StringWriter();
        var options = CostOptions.Short with { Backlogs = [100] };

        var measurements = await new CostScenario(new RunContext(_folder, progress), options).RunAsync(limit.Token);
        output.WriteLine(progress.ToString());
        output.WriteLine(CostReport.Table(measurements));

        Assert.Equal(
            [
                ("intake", CostSubject.TrivialEndpoint), ("paced intake", CostSubject.TrivialEndpoint),
                ("intake", CostSubject.Floor), ("paced intake", CostSubject.Floor),
                ("intake", CostSubject.LiveRelay), ("paced intake", CostSubject.LiveRelay),
                ("delivery", CostSubject.Floor), ("delivery", CostSubject.LiveRelay),
            ],
            measurements.Select(static m => (m.Kind, m.Subject)));
        foreach (var m in measurements)
        {
            Assert.True(m.Window.Units > 0, $"{m.Kind} {m.Subject}: nothing handled in the window");
            Assert.True(m.Window.Cpu > TimeSpan.Zero, $"{m.Kind} {m.Subject}: no CPU time read");
            Assert.True(m.Window.WorkItems > 0, $"{m.Kind} {m.Subject}: no work items read");
            Assert.True(m.Window.AllocatedBytes > 0, $"{m.Kind} {m.Subject}: no allocations read");
            Assert.True(m.Window.ContextSwitches > 0 || !OperatingSystem.IsLinux(), $"{m.Kind} {m.Subject}: no context switches read");
            Assert.True(m.ProcessCpu >= m.Window.Cpu, $"{m.Kind} {m.Subject}: the process's CPU since its start is below the window's");
            Assert.True(m.ProcessJitMilliseconds > 0, $"{m.Kind} {m.Subject}: no JIT time read");
            if (m.Kind == CostScenario.PacedIntakeKind)
            {
                // Paced intake follows the same process's closed-loop window.
                Assert.True(m.WarmUp > measurements.Single(c => c.Kind == CostScenario.IntakeKind && c.Subject == m.Subject).WarmUp, $"{m.Subject}: paced intake's warm-up");
            }
            else
            {
                Assert.InRange(m.WarmUp, TimeSpan.FromSeconds(1), options.WarmUpLimit + options.WarmUpStep);
            }
        }

        var report = File.ReadAllText(MarkdownReport.Write(_folder, new HarnessResults(null, null, null, null, TimeSpan.FromMinutes(1)) { Cost = measurements }, commit: null));
        Assert.Contains("## Cost per webhook and per message", report, StringComparison.Ordinal);
        Assert.Matches(@"\| intake, closed loop \(per webhook; delivery running\) \| LiveRelay \| [0-9.]+ \| [0-9.]+ \| [0-9.]+× \|", report);
        Assert.Matches(@"\| intake, paced: the same rate for every subject \(per webhook; delivery running\) \| LiveRelay \| [0-9.]+ \| [0-9.]+ \| [0-9.]+× \|", report);
        Assert.Matches(@"\| delivery, backlog ≥ 100 \(per message\) \| LiveRelay \| [0-9.]+ \| [0-9.]+ \| [0-9.]+× \|", report);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
