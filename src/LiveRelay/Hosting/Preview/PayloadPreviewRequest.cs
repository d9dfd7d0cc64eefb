using Microsoft.Extensions.Primitives;

namespace LiveRelay.Hosting.Preview;

/// <summary>A webhook to preview: what <c>POST /api/webhooks/{source}</c> would receive.</summary>
public sealed record PayloadPreviewRequest
{
    /// <summary>The source's name, as in the route (<c>/api/webhooks/{source}</c>).</summary>
    public required string Source { get; init; }

    /// <summary>The raw body, exactly as the sender would send it (signatures cover these bytes).</summary>
    public required ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>The request headers, signature headers included.</summary>
    public IEnumerable<KeyValuePair<string, StringValues>> Headers { get; init; } = [];

    /// <summary>The Content-Type header; JSON unless said otherwise.</summary>
    public string? ContentType { get; init; } = "application/json";

    /// <summary>
    /// Render an unsigned payload: the source's signature check is not made, and the preview says
    /// <see cref="PreviewVerification.Skipped"/>. Everything after it (format, filter, rules, limits) applies as usual.
    /// </summary>
    public bool SkipVerification { get; init; }
}
