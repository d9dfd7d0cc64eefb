using System.Text;

namespace LiveRelay.Cli.Signing;

/// <summary>A curl command line that posts the payload file with the given headers, quoted for POSIX shells.</summary>
internal static class CurlCommand
{
    public static string For(Uri url, IEnumerable<KeyValuePair<string, string>> headers, string payloadPath)
    {
        var text = new StringBuilder();
        text.Append("curl -sS -i -X POST ").Append(Quote(url.ToString()));
        foreach (var (name, value) in headers)
        {
            text.Append(" \\\n  -H ").Append(Quote($"{name}: {value}"));
        }

        text.Append(" \\\n  --data-binary @").Append(Quote(payloadPath));
        return text.ToString();
    }

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
