using System.Net.Http.Headers;

namespace LiveRelay.Intake.Input;

/// <summary>Which bodies intake reads: JSON (any <c>+json</c> type) or a form carrying JSON in <c>payload</c>, in UTF-8.</summary>
internal static class MediaTypes
{
    public const string Accepted = "application/json, application/*+json or application/x-www-form-urlencoded (with a JSON 'payload' field), in UTF-8";

    public static BodyMediaType Classify(string? contentType, out string? detail)
    {
        detail = null;
        if (string.IsNullOrWhiteSpace(contentType))
        {
            detail = $"A Content-Type header is required: {Accepted}.";
            return BodyMediaType.Unsupported;
        }

        if (!MediaTypeHeaderValue.TryParse(contentType, out var parsed) || parsed.MediaType is null)
        {
            detail = $"The Content-Type header is not a media type; send {Accepted}.";
            return BodyMediaType.Unsupported;
        }

        if (parsed.CharSet is { } charset && !string.Equals(charset.Trim('"'), "utf-8", StringComparison.OrdinalIgnoreCase)
            && !string.Equals(charset.Trim('"'), "utf8", StringComparison.OrdinalIgnoreCase))
        {
            detail = $"Charset '{charset}' is not supported; send UTF-8.";
            return BodyMediaType.Unsupported;
        }

        var mediaType = parsed.MediaType;
        if (string.Equals(mediaType, "application/json", StringComparison.OrdinalIgnoreCase)
            || (mediaType.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase)))
        {
            return BodyMediaType.Json;
        }

        if (string.Equals(mediaType, "application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return BodyMediaType.Form;
        }

        detail = $"Content-Type '{mediaType}' is not supported: {Accepted}.";
        return BodyMediaType.Unsupported;
    }
}
