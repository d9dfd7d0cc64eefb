using System.Globalization;
using LiveRelay.Testing;

namespace LiveRelay.Harness;

/// <summary>The harness's command line: which runs, where the report goes.</summary>
internal sealed record HarnessCommand(IReadOnlySet<string> Runs, string OutputDirectory, int Recipients, bool Short, bool FanOutOnAzurite)
{
    /// <summary>How many times the cost run repeats each measurement.</summary>
    public int Repeats { get; init; } = 1;

    /// <summary>The cost run's delivery backlogs, when not its defaults (empty: intake only).</summary>
    public IReadOnlyList<int>? Backlogs { get; init; }

    /// <summary>The fleet cases to run by name, when not all of them.</summary>
    public IReadOnlySet<string>? FleetCases { get; init; }

    public static readonly IReadOnlyList<string> AllRuns = ["hostile", "load", "cost", "fanout", "soak"];

    /// <summary>Runs made only when asked for by name: the fleet run alone takes about 17 minutes.</summary>
    public static readonly IReadOnlyList<string> NamedRuns = ["fleet", "coldstart"];

    public const string Usage = """
        Usage: LiveRelay.Harness [all | load | cost | coldstart | fanout | soak | hostile | fleet]... [--out DIR] [--recipients N] [--fanout-azurite] [--short] [--repeats N] [--cases C]
          all          every run but fleet (the default): hostile corpus, load with baseline, cost against the floor, fan-out, fault soak
          coldstart    process start to first webhook answered and first message delivered, JIT and ReadyToRun (only when named)
          cost         CPU, work items and allocations per webhook and per message, next to the floor program and the trivial endpoint
          fleet        fleet-wide pacing: several host processes share Azurite and the emulator (about 17 minutes; --short about 5)
          --out DIR    the report folder (default: reports/harness-<UTC time> in the repository)
          --recipients the fan-out's recipient count (default 10000)
          --fanout-azurite  the fan-out with queues on Azurite (default: in memory; see docs/testing.md)
          --short      the fault soak's, the fleet run's and the cost run's short settings
          --backlogs L the cost run's delivery backlogs, comma-separated (default 1000,40000,200000; 0: intake only)
          --repeats N  the cost run's repeats of each measurement (default 1; the report gives min and median); also coldstart's
          --cases C    the fleet cases to run, comma-separated (one, two, four, churn, idle, unreachable, fanout-4, fanout-1; default all)
        """;

    public static HarnessCommand Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var runs = new HashSet<string>(StringComparer.Ordinal);
        string? output = null;
        var recipients = 10_000;
        var isShort = false;
        var fanOutOnAzurite = false;
        var repeats = 1;
        List<int>? backlogs = null;
        HashSet<string>? fleetCases = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "all":
                    runs.UnionWith(AllRuns);
                    break;
                case "load" or "cost" or "fanout" or "soak" or "hostile" or "fleet" or "coldstart":
                    runs.Add(args[i]);
                    break;
                case "--out" when i + 1 < args.Length:
                    output = Path.GetFullPath(args[++i]);
                    break;
                case "--recipients" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is > 0 and <= 10_000:
                    recipients = n;
                    i++;
                    break;
                case "--repeats" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var r) && r is > 0 and <= 20:
                    repeats = r;
                    i++;
                    break;
                case "--backlogs" when i + 1 < args.Length:
                    backlogs = [.. args[++i].Split(',').Select(static b => int.Parse(b, NumberStyles.None, CultureInfo.InvariantCulture)).Where(static b => b > 0)];
                    break;
                case "--cases" when i + 1 < args.Length:
                    fleetCases = new HashSet<string>(args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), StringComparer.Ordinal);
                    break;
                case "--fanout-azurite":
                    fanOutOnAzurite = true;
                    break;
                case "--short":
                    isShort = true;
                    break;
                default:
                    throw new ArgumentException($"Unknown argument '{args[i]}'.\n{Usage}");
            }
        }

        if (runs.Count == 0)
        {
            runs.UnionWith(AllRuns);
        }

        output ??= RepoPaths.InRepo("reports", "harness-" + DateTimeOffset.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
        return new HarnessCommand(runs, output, recipients, isShort, fanOutOnAzurite) { Repeats = repeats, Backlogs = backlogs, FleetCases = fleetCases };
    }
}
