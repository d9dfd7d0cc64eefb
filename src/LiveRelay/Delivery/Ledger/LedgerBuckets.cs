using System.Globalization;

namespace LiveRelay.Delivery.Ledger;

/// <summary>
/// Time cut into buckets one retention long. An id recorded in bucket N is looked for in N and N - 1, so it is found for
/// at least one retention; anything older than N - 1 is dropped whole, which is what keeps the cleanup cheap.
/// </summary>
internal readonly record struct LedgerBuckets(TimeSpan Retention)
{
    public long At(DateTimeOffset time) => time.ToUnixTimeMilliseconds() / (long)Retention.TotalMilliseconds;

    /// <summary>Fixed width, so that ordinal order is time order (Table Storage compares keys as text).</summary>
    public static string Key(long bucket) => bucket.ToString("D13", CultureInfo.InvariantCulture);
}
