using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;

namespace LiveRelay.Harness.Hosting;

/// <summary>
/// What the standalone host says about itself in its log, read line by line as it runs: the queue processors' peak
/// in-flight counts (from their stop lines) and the messages they could not settle.
/// </summary>
internal sealed partial class HostLogReadings
{
    private readonly ConcurrentDictionary<string, int> _peaks = new(StringComparer.Ordinal);
    private int _settleFailures;

    public int SettleFailures => Volatile.Read(ref _settleFailures);

    public int? PeakInFlight(string queue) => _peaks.TryGetValue(queue, out var peak) ? peak : null;

    public void Read(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var match = PeakLine().Match(line);
        if (match.Success)
        {
            _peaks[match.Groups["queue"].Value] = int.Parse(match.Groups["peak"].Value, CultureInfo.InvariantCulture);
        }
        else if (line.Contains("could not be settled", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _settleFailures);
        }
    }

    // The queue processor's own stop line: "Queue live-messages: stopped (peak in flight 24)".
    [GeneratedRegex(@"Queue (?<queue>[a-z0-9-]+): stopped \(peak in flight (?<peak>\d+)\)")]
    private static partial Regex PeakLine();
}
