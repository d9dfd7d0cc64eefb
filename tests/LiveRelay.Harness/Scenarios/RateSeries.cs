using LiveRelay.Emulator.Messages;

namespace LiveRelay.Harness.Scenarios;

/// <summary>Calls the emulator accepted, per operation, counted in one-second buckets from a start time.</summary>
internal sealed record RateSeries(DateTimeOffset Start, IReadOnlyDictionary<string, int[]> PerSecond)
{
    public static RateSeries From(IEnumerable<RecordedMessage> calls, DateTimeOffset start, DateTimeOffset end)
    {
        ArgumentNullException.ThrowIfNull(calls);
        var seconds = Math.Max(1, (int)Math.Ceiling((end - start).TotalSeconds));
        var series = new Dictionary<string, int[]>(StringComparer.Ordinal);
        foreach (var call in calls)
        {
            var second = (int)Math.Floor((call.ReceivedAt - start).TotalSeconds);
            if (second < 0 || second >= seconds)
            {
                continue;
            }

            if (!series.TryGetValue(call.Action, out var buckets))
            {
                series[call.Action] = buckets = new int[seconds];
            }

            buckets[second]++;
        }

        return new RateSeries(start, series);
    }

    /// <summary>The mean rate of one operation between its first and last accepted call (calls per second).</summary>
    public static double MeanRate(IEnumerable<RecordedMessage> calls, string action)
    {
        var times = calls.Where(c => c.Action == action).Select(static c => c.ReceivedAt).ToList();
        if (times.Count < 2)
        {
            return 0;
        }

        var span = (times.Max() - times.Min()).TotalSeconds;
        return span > 0 ? (times.Count - 1) / span : 0;
    }

    /// <summary>Calls per second over the whole series.</summary>
    public double Mean(string action) => PerSecond.TryGetValue(action, out var buckets) && buckets.Length > 0 ? buckets.Average() : 0;

    public int Peak(string action) => PerSecond.TryGetValue(action, out var buckets) && buckets.Length > 0 ? buckets.Max() : 0;
}
