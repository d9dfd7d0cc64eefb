using System.Text.Json;
using LiveRelay.Harness.Hosting;

namespace LiveRelay.Harness.Cost;

/// <summary>
/// Reads a measured process's figures on request: its CPU time from /proc and, through its standard input, the
/// runtime counters <see cref="RuntimeStatsResponder"/> prints. Give <see cref="Read"/> every line the process writes.
/// </summary>
internal sealed class RuntimeStatsProbe
{
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(15);

    private readonly Lock _gate = new();
    private TaskCompletionSource<RuntimeStats>? _waiting;

    /// <summary>The environment a measured process needs: the startup hook and the switch that makes it answer.</summary>
    public static Dictionary<string, string> Environment() => new(StringComparer.Ordinal)
    {
        ["DOTNET_STARTUP_HOOKS"] = typeof(RuntimeStatsResponder).Assembly.Location,
        [RuntimeStatsResponder.EnvironmentVariable] = RuntimeStatsResponder.Enabled,
    };

    public void Read(string line)
    {
        if (!line.StartsWith(RuntimeStatsResponder.LinePrefix, StringComparison.Ordinal))
        {
            return;
        }

        var stats = JsonSerializer.Deserialize<RuntimeStats>(line.AsSpan(RuntimeStatsResponder.LinePrefix.Length));
        TaskCompletionSource<RuntimeStats>? waiting;
        lock (_gate)
        {
            waiting = _waiting;
            _waiting = null;
        }

        if (stats is not null)
        {
            waiting?.TrySetResult(stats);
        }
    }

    /// <summary>The process's figures now: CPU time first, then its counters (a few milliseconds later).</summary>
    public async Task<CostSample> SampleAsync(ChildProcess process, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(process);
        var answer = new TaskCompletionSource<RuntimeStats>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _waiting = answer;
        }

        var at = DateTimeOffset.UtcNow;
        var cpu = process.CpuTimeNow();
        process.WriteInput("stats");
        var stats = await answer.Task.WaitAsync(AnswerTimeout, cancellationToken).ConfigureAwait(false);
        return new CostSample(at, cpu, stats);
    }
}
