using System.Globalization;

namespace LiveRelay.Intake.Verification;

/// <summary>Checks a signed Unix timestamp against the clock, both ways: old requests may be replays, future ones forged or skewed.</summary>
internal static class SignedTimestamp
{
    public static bool TryParse(ReadOnlySpan<char> text, out long seconds) =>
        long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out seconds);

    /// <summary>Null when within tolerance; otherwise why not.</summary>
    public static string? Check(string name, long seconds, DateTimeOffset now, TimeSpan tolerance)
    {
        var age = now.ToUnixTimeSeconds() - seconds;
        var limit = (long)tolerance.TotalSeconds;
        if (age > limit)
        {
            return $"{name} is older than the tolerance of {Describe(tolerance)}";
        }

        return -age > limit ? $"{name} is more than {Describe(tolerance)} in the future" : null;
    }

    private static string Describe(TimeSpan tolerance) =>
        tolerance.TotalSeconds % 60 == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{tolerance.TotalMinutes:0} minute(s)")
            : string.Create(CultureInfo.InvariantCulture, $"{tolerance.TotalSeconds:0} second(s)");
}
