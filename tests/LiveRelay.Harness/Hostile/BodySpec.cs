using System.Text;
using System.Text.Json;

namespace LiveRelay.Harness.Hostile;

/// <summary>
/// A body (or raw request, or queue message) as the corpus writes it: a JSON string is sent as its UTF-8 text;
/// <c>{"json": ...}</c> as that JSON, compact; <c>{"base64": "..."}</c> as those bytes; <c>{"parts": [...]}</c> as the
/// parts one after another, each <c>{"text"}</c>, <c>{"base64"}</c> or <c>{"repeat": "...", "count": n}</c> (for huge
/// and deeply nested bodies that would be unwieldy to keep as files).
/// </summary>
internal sealed class BodySpec
{
    private const int MaxBytes = 64 * 1024 * 1024;

    private readonly JsonElement _spec;

    private BodySpec(JsonElement spec) => _spec = spec.Clone();

    /// <exception cref="FormatException">The spec is not one of the shapes above.</exception>
    public static BodySpec Parse(JsonElement spec)
    {
        var body = new BodySpec(spec);
        _ = body.Render();
        return body;
    }

    public byte[] Render()
    {
        using var buffer = new MemoryStream();
        Write(_spec, buffer);
        return buffer.ToArray();
    }

    private static void Write(JsonElement spec, MemoryStream into)
    {
        switch (spec.ValueKind)
        {
            case JsonValueKind.String:
                Append(into, Encoding.UTF8.GetBytes(spec.GetString()!));
                return;
            case JsonValueKind.Object when spec.TryGetProperty("json", out var json):
                Append(into, JsonSerializer.SerializeToUtf8Bytes(json));
                return;
            case JsonValueKind.Object when spec.TryGetProperty("base64", out var base64):
                Append(into, Convert.FromBase64String(base64.GetString() ?? string.Empty));
                return;
            case JsonValueKind.Object when spec.TryGetProperty("text", out var text):
                Append(into, Encoding.UTF8.GetBytes(text.GetString() ?? string.Empty));
                return;
            case JsonValueKind.Object when spec.TryGetProperty("repeat", out var repeat) && spec.TryGetProperty("count", out var count):
                var unit = Encoding.UTF8.GetBytes(repeat.GetString() ?? string.Empty);
                for (var i = count.GetInt32(); i > 0; i--)
                {
                    Append(into, unit);
                }

                return;
            case JsonValueKind.Object when spec.TryGetProperty("parts", out var parts) && parts.ValueKind == JsonValueKind.Array:
                foreach (var part in parts.EnumerateArray())
                {
                    Write(part, into);
                }

                return;
            default:
                throw new FormatException("A body is a string, or an object with 'json', 'base64', 'text', 'repeat' and 'count', or 'parts'.");
        }
    }

    private static void Append(MemoryStream into, byte[] bytes)
    {
        if (into.Length + bytes.Length > MaxBytes)
        {
            throw new FormatException($"A body may be at most {MaxBytes} bytes.");
        }

        into.Write(bytes);
    }
}
