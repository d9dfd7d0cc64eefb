using System.Globalization;

namespace LiveRelay.Emulator.Authentication;

/// <summary>Reads the ISO 8601 UTC timestamps the API takes (<c>Timestamp</c>, <c>x-acs-date</c>): <c>yyyy-MM-ddTHH:mm:ssZ</c>.</summary>
internal static class RequestTimestamp
{
    private static readonly string[] Formats = ["yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'"];

    public static bool TryParse(string value, out DateTimeOffset timestamp) =>
        DateTimeOffset.TryParseExact(
            value, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out timestamp);
}
