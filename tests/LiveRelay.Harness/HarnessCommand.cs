using System.Globalization;
using LiveRelay.Testing;

namespace LiveRelay.Harness;

/// <summary>The harness's command line: which runs, where the report goes.</summary>
internal sealed record HarnessCommand(IReadOnlySet<string> Runs, string OutputDirectory, int Recipients, bool Short, bool FanOutOnAzurite)
{
    public static readonly IReadOnlyList<string> AllRuns = ["hostile", "load", "fanout", "soak"];

    /// <summary>Runs made only when asked for by name: the fleet run alone takes about 17 minutes.</summary>
    public static readonly IReadOnlyList<string> NamedRuns = ["fleet"];

    public const string Usage = """
        Usage: LiveRelay.Harness [all | load | fanout | soak | hostile | fleet]... [--out DIR] [--recipients N] [--fanout-azurite] [--short]
          all          every run but fleet (the default): hostile corpus, load with baseline, fan-out, fault soak
          fleet        fleet-wide pacing: several host processes share Azurite and the emulator (about 17 minutes; --short about 5)
          --out DIR    the report folder (default: reports/harness-<UTC time> in the repository)
          --recipients the fan-out's recipient count (default 10000)
          --fanout-azurite  the fan-out with queues on Azurite (default: in memory; see docs/testing.md)
          --short      the fault soak's and the fleet run's short settings
        """;

    public static HarnessCommand Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var runs = new HashSet<string>(StringComparer.Ordinal);
        string? output = null;
        var recipients = 10_000;
        var isShort = false;
        var fanOutOnAzurite = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "all":
                    runs.UnionWith(AllRuns);
                    break;
                case "load" or "fanout" or "soak" or "hostile" or "fleet":
                    runs.Add(args[i]);
                    break;
                case "--out" when i + 1 < args.Length:
                    output = Path.GetFullPath(args[++i]);
                    break;
                case "--recipients" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is > 0 and <= 10_000:
                    recipients = n;
                    i++;
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
        return new HarnessCommand(runs, output, recipients, isShort, fanOutOnAzurite);
    }
}
