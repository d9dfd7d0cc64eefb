using System.Globalization;
using System.Text;
using System.Text.Json;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace LiveRelay.Intake.Json;

/// <summary>
/// Reads an event's JSON. The bytes are first checked strictly (RFC 8259, valid UTF-8, bounded depth): Newtonsoft's
/// reader alone would accept comments, single quotes and trailing commas, which senders never mean.
/// </summary>
internal static class EventJson
{
    public const int MaxDepth = 64;

    private static readonly JsonLoadSettings LoadSettings = new()
    {
        LineInfoHandling = LineInfoHandling.Ignore,
        CommentHandling = CommentHandling.Ignore,
        DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Replace,
    };

    /// <summary>Parses <paramref name="utf8"/>; on failure returns false and a description of where and why.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out JToken? token, out string? error)
    {
        token = null;
        if (utf8.StartsWith("\uFEFF"u8))
        {
            utf8 = utf8[3..];
        }

        // Almost every body takes the one pass; anything unusual takes the two, which give the error or the value.
        if (Utf8JsonTree.TryRead(utf8, out token))
        {
            error = null;
            return true;
        }

        return TryParseInTwoPasses(utf8, out token, out error);
    }

    /// <summary>The strict check, then Newtonsoft's reader over the decoded text: what every body took before <see cref="Utf8JsonTree"/>, and the reference it is tested against.</summary>
    internal static bool TryParseInTwoPasses(ReadOnlySpan<byte> utf8, out JToken? token, out string? error)
    {
        token = null;
        if (!TryCheckSyntax(utf8, out error))
        {
            return false;
        }

        try
        {
            using var reader = new JsonTextReader(new StringReader(Encoding.UTF8.GetString(utf8)))
            {
                DateParseHandling = DateParseHandling.None,
                FloatParseHandling = FloatParseHandling.Double,
                MaxDepth = MaxDepth,
            };
            token = JToken.ReadFrom(reader, LoadSettings);
            return true;
        }
        catch (Newtonsoft.Json.JsonException ex)
        {
            // The strict check passed, so only a value Newtonsoft cannot represent gets here (e.g. 1e400).
            error = "The body is not usable JSON: " + ex.Message;
            return false;
        }
    }

    /// <summary>
    /// The strict check alone: RFC 8259 syntax, valid UTF-8, bounded depth, and no string escape that is a lone UTF-16
    /// surrogate (<c>"\ud800"</c>): such text is not Unicode, and passed on it would reach the Live API altered.
    /// </summary>
    internal static bool TryCheckSyntax(ReadOnlySpan<byte> utf8, out string? error)
    {
        error = null;
        if (utf8.IsEmpty)
        {
            error = "The body is empty; a JSON document is required.";
            return false;
        }

        // Utf8JsonReader does not check string contents, and decoding would silently replace bad bytes.
        if (!System.Text.Unicode.Utf8.IsValid(utf8))
        {
            error = "The body is not valid UTF-8.";
            return false;
        }

        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = MaxDepth });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped && !IsUnicode(ref reader))
                {
                    error = string.Create(
                        CultureInfo.InvariantCulture,
                        $"The body is not valid Unicode text: the string at byte {reader.TokenStartIndex + 1} holds a lone UTF-16 surrogate escape.");
                    return false;
                }
            }

            return true;
        }
        catch (System.Text.Json.JsonException ex)
        {
            error = string.Create(
                CultureInfo.InvariantCulture,
                $"The body is not valid JSON (line {(ex.LineNumber ?? 0) + 1}, byte {(ex.BytePositionInLine ?? 0) + 1}): {Describe(ex)}");
            return false;
        }
    }

    // Unescaping checks surrogate pairs; a lone surrogate makes it throw.
    private static bool IsUnicode(ref Utf8JsonReader reader)
    {
        try
        {
            _ = reader.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    // System.Text.Json's messages end with the position, which is already given; keep the reason only.
    private static string Describe(System.Text.Json.JsonException ex)
    {
        var message = ex.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd();
    }
}
