using System.Buffers;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace LiveRelay.AlibabaCloud.Client;

/// <summary>
/// Reads a Live API answer: a bounded body, then either the JSON object of a success or a classified
/// <see cref="LiveApiException"/> built from the error JSON, or from the status alone when the body is not JSON.
/// </summary>
internal static class LiveApiResponseReader
{
    internal const int MaxResponseBytes = 1024 * 1024;
    internal const string RetryAfterHeader = "x-acs-retry-after";

    /// <summary>Reads the whole body, refusing more than <see cref="MaxResponseBytes"/> whether or not a length was announced.</summary>
    public static async Task<byte[]> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var announced = response.Content.Headers.ContentLength;
        if (announced > MaxResponseBytes)
        {
            throw TooLarge(response.StatusCode);
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var body = new MemoryStream((int)(announced ?? 1024));
            var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
            try
            {
                int read;
                while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    if (body.Length + read > MaxResponseBytes)
                    {
                        throw TooLarge(response.StatusCode);
                    }

                    body.Write(chunk, 0, read);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(chunk);
            }

            return body.ToArray();
        }
    }

    /// <summary>The answer's JSON object; anything else on a 2xx is an <c>InvalidResponse</c>.</summary>
    public static JsonDocument ParseSuccess(HttpStatusCode status, byte[] body)
    {
        try
        {
            var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document;
            }

            document.Dispose();
        }
        catch (JsonException)
        {
        }

        // The call may have been delivered. Transient all the same: a retry is what recovers from a broken
        // proxy or gateway page, and user messages carry MsgTid, on which the API deduplicates.
        var shown = body.Length == 0 ? "an empty body" : $"a body that is not a JSON object: {Excerpt(body)}";
        throw new LiveApiException(
            LiveApiErrorKind.Transient, "InvalidResponse", $"The API answered HTTP {(int)status} with {shown}", status);
    }

    /// <summary>An error answer as a classified exception; a body that is empty or not JSON still gives a clear one.</summary>
    public static LiveApiException ToException(HttpResponseMessage response, byte[] body)
    {
        var status = response.StatusCode;
        string? code = null, message = null, requestId = null, hostId = null, recommend = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                code = GetString(root, "Code");
                message = GetString(root, "Message");
                requestId = GetString(root, "RequestId");
                hostId = GetString(root, "HostId");
                recommend = GetString(root, "Recommend");
            }
        }
        catch (JsonException)
        {
        }

        if (string.IsNullOrEmpty(code))
        {
            code = string.Create(CultureInfo.InvariantCulture, $"Http{(int)status}");
            message = body.Length == 0
                ? string.Create(CultureInfo.InvariantCulture, $"The API answered HTTP {(int)status} with an empty body.")
                : string.Create(CultureInfo.InvariantCulture, $"The API answered HTTP {(int)status} without a JSON error: {Excerpt(body)}");
        }

        return new LiveApiException(
            LiveApiErrorClassifier.Classify(status, code),
            LiveApiErrorText.Sanitize(code),
            LiveApiErrorText.Sanitize(message),
            status,
            requestId,
            hostId,
            recommend is null ? null : LiveApiErrorText.Sanitize(recommend),
            ParseRetryAfter(response));
    }

    /// <summary><c>x-acs-retry-after</c> is in milliseconds; absurd or unreadable values are ignored rather than obeyed.</summary>
    public static TimeSpan? ParseRetryAfter(HttpResponseMessage response)
    {
        if (response.Headers.TryGetValues(RetryAfterHeader, out var values)
            && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var milliseconds)
            && milliseconds >= 0 && milliseconds < TimeSpan.FromHours(1).TotalMilliseconds)
        {
            return TimeSpan.FromMilliseconds(milliseconds);
        }

        return null;
    }

    public static string? GetString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;

    private static LiveApiException TooLarge(HttpStatusCode status) =>
        new(LiveApiErrorKind.Transient, "InvalidResponse", $"The answer is larger than {MaxResponseBytes} bytes.", status);

    /// <summary>The start of a body as one line of text, for an error message a person reads.</summary>
    private static string Excerpt(byte[] body)
    {
        const int max = 200;
        var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, max * 4));
        text = LiveApiErrorText.Sanitize(new string(text.Select(static c => char.IsControl(c) ? ' ' : c).ToArray()).Trim());
        return text.Length <= max ? text : string.Concat(text.AsSpan(0, max), "...");
    }
}
