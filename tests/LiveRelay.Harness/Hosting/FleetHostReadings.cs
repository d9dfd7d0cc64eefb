using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace LiveRelay.Harness.Hosting;

/// <summary>
/// What one fleet host says about its pacing, read from its output as it runs: the metrics lines of
/// <see cref="HostMetricsReporter"/>, its share changes ("Fleet pacing ...: share ...") with their own timestamps, and
/// every other line about fleet pacing (such as why it fell back).
/// </summary>
internal sealed partial class FleetHostReadings
{
    private const int MaxPacingLines = 50;

    private readonly Lock _gate = new();
    private readonly List<HostMetricsSample> _metrics = [];
    private readonly List<ShareChange> _shares = [];
    private readonly List<string> _pacingLines = [];

    public IReadOnlyList<HostMetricsSample> Metrics
    {
        get
        {
            lock (_gate)
            {
                return [.. _metrics];
            }
        }
    }

    public HostMetricsSample? LastMetrics
    {
        get
        {
            lock (_gate)
            {
                return _metrics.Count == 0 ? null : _metrics[^1];
            }
        }
    }

    public IReadOnlyList<ShareChange> Shares
    {
        get
        {
            lock (_gate)
            {
                return [.. _shares];
            }
        }
    }

    /// <summary>The first lines that mention fleet pacing, as logged.</summary>
    public IReadOnlyList<string> PacingLines
    {
        get
        {
            lock (_gate)
            {
                return [.. _pacingLines];
            }
        }
    }

    public void Read(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (line.StartsWith(HostMetricsReporter.LinePrefix, StringComparison.Ordinal))
        {
            var sample = JsonSerializer.Deserialize<HostMetricsSample>(line.AsSpan(HostMetricsReporter.LinePrefix.Length));
            if (sample is not null)
            {
                lock (_gate)
                {
                    _metrics.Add(sample);
                }
            }

            return;
        }

        if (!line.Contains("Fleet pacing", StringComparison.Ordinal))
        {
            return;
        }

        var share = ShareLine().Match(line);
        lock (_gate)
        {
            if (_pacingLines.Count < MaxPacingLines)
            {
                _pacingLines.Add(line);
            }

            if (share.Success)
            {
                _shares.Add(new ShareChange(
                    TimeOf(share.Groups["time"].Value),
                    share.Groups["operation"].Value,
                    double.Parse(share.Groups["share"].Value, CultureInfo.InvariantCulture),
                    double.Parse(share.Groups["limit"].Value, CultureInfo.InvariantCulture),
                    int.Parse(share.Groups["holders"].Value, CultureInfo.InvariantCulture)));
            }
        }
    }

    /// <summary>
    /// The console formatter writes the time of day (UTC, <c>HH:mm:ss.fff</c>); the date is the one that puts it nearest
    /// to now, which is right for a line read as it is written.
    /// </summary>
    private static DateTimeOffset TimeOf(string timeOfDay)
    {
        var now = DateTimeOffset.UtcNow;
        var time = TimeSpan.ParseExact(timeOfDay, @"hh\:mm\:ss\.fff", CultureInfo.InvariantCulture);
        var today = new DateTimeOffset(now.UtcDateTime.Date + time, TimeSpan.Zero);
        return (today - now).TotalHours switch
        {
            > 12 => today.AddDays(-1),
            < -12 => today.AddDays(1),
            _ => today,
        };
    }

    // "17:05:01.123 info: LiveRelay.Delivery...[0] Fleet pacing SendMessageToGroup: share 50/s of 100/s, 2 senders"
    [GeneratedRegex(@"^(?<time>\d{2}:\d{2}:\d{2}\.\d{3}) .*Fleet pacing (?<operation>[A-Za-z]+): share (?<share>\d+(\.\d+)?)/s of (?<limit>\d+(\.\d+)?)/s, (?<holders>\d+) senders?")]
    private static partial Regex ShareLine();
}
