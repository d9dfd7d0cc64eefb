using System.Globalization;

namespace LiveRelay.Tests.Delivery.Support;

/// <summary>Counts arrivals in sliding windows.</summary>
internal static class ArrivalWindows
{
    /// <summary>One second less half a pacing interval: room for the network's jitter between sender and server.</summary>
    public static TimeSpan OneSecondLessHalfInterval(int rate) => TimeSpan.FromSeconds(1) - (TimeSpan.FromSeconds(1.0 / rate) / 2);

    /// <summary>The most arrivals within any window of the given length, [t, t + window).</summary>
    public static int Busiest(IEnumerable<TimeSpan> arrivals, TimeSpan window)
    {
        var sorted = arrivals.Order().ToList();
        var busiest = 0;
        for (int first = 0, last = 0; first < sorted.Count; first++)
        {
            while (last < sorted.Count && sorted[last] - sorted[first] < window)
            {
                last++;
            }

            busiest = Math.Max(busiest, last - first);
        }

        return busiest;
    }

    public static string Describe(IEnumerable<TimeSpan> arrivals)
    {
        var sorted = arrivals.Order().ToList();
        return string.Join(", ", sorted.Select(a => (a - sorted[0]).TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)));
    }
}
