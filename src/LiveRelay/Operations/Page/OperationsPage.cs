using System.Security.Cryptography;
using System.Text;

namespace LiveRelay.Operations.Page;

/// <summary>
/// The operations page: one HTML file embedded in this assembly, with its script and style inline. The
/// Content-Security-Policy allows exactly those two blocks (by hash) and requests to the page's own origin, so nothing
/// else can run or load, and the page can reach no other host.
/// </summary>
internal static class OperationsPage
{
    private const string ResourceName = "LiveRelay.Operations.Page.operations.html";

    private static readonly Lazy<(byte[] Html, string Policy)> Loaded = new(Load);

    public static ReadOnlyMemory<byte> Html => Loaded.Value.Html;

    public static string ContentSecurityPolicy => Loaded.Value.Policy;

    private static (byte[] Html, string Policy) Load()
    {
        using var stream = typeof(OperationsPage).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var html = reader.ReadToEnd();
        var policy = string.Join(
            "; ",
            "default-src 'none'",
            $"script-src {Hash(Block(html, "script"))}",
            $"style-src {Hash(Block(html, "style"))}",
            "connect-src 'self'",
            "img-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'");
        return (Encoding.UTF8.GetBytes(html), policy);
    }

    /// <summary>The text of the page's only <c>&lt;tag&gt;</c> element, exactly as the browser hashes it.</summary>
    private static string Block(string html, string tag)
    {
        var open = html.IndexOf($"<{tag}>", StringComparison.Ordinal);
        var close = html.IndexOf($"</{tag}>", StringComparison.Ordinal);
        if (open < 0 || close < open || html.IndexOf($"<{tag}>", open + 1, StringComparison.Ordinal) >= 0)
        {
            throw new InvalidOperationException($"The operations page must have exactly one <{tag}> block.");
        }

        var start = open + tag.Length + 2;
        return html[start..close];
    }

    private static string Hash(string text) => $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text)))}'";
}
