using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace LiveRelay.Emulator.Api;

/// <summary>
/// Reads a call into an <see cref="IncomingRequest"/>. The body is read as raw bytes whatever its framing (the
/// official Node.js SDK sends it chunked), and parsed as a form only when it says it is one.
/// </summary>
internal static class IncomingRequestReader
{
    /// <summary>Far above any valid call (Body is at most 15 KB; encoding can triple it).</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    private const string FormMediaType = "application/x-www-form-urlencoded";

    public static async Task<IncomingRequest?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var body = await ReadBodyAsync(request.Body, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return null;
        }

        var query = Flatten(request.Query);
        IReadOnlyList<KeyValuePair<string, string>> form = [];
        if (body.Length > 0 && IsForm(request.ContentType))
        {
            form = Flatten(QueryHelpers.ParseQuery("?" + Encoding.UTF8.GetString(body)));
        }

        return new IncomingRequest(request.Method, request.Headers, query, form, body);
    }

    private static bool IsForm(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed)
        && parsed.MediaType.Equals(FormMediaType, StringComparison.OrdinalIgnoreCase);

    private static List<KeyValuePair<string, string>> Flatten(IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>> source)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var (name, values) in source)
        {
            if (values.Count == 0)
            {
                pairs.Add(new(name, string.Empty));
                continue;
            }

            foreach (var value in values)
            {
                pairs.Add(new(name, value ?? string.Empty));
            }
        }

        return pairs;
    }

    /// <returns>The body, or null when it is larger than <see cref="MaxBodyBytes"/>.</returns>
    private static async Task<byte[]?> ReadBodyAsync(Stream body, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            using var collected = new MemoryStream();
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (collected.Length + read > MaxBodyBytes)
                {
                    return null;
                }

                collected.Write(buffer, 0, read);
            }

            return collected.ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
