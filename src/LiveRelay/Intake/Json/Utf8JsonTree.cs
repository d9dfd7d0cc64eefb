using System.Text.Json;
using Newtonsoft.Json.Linq;

namespace LiveRelay.Intake.Json;

/// <summary>
/// Builds the Newtonsoft tree the mappings read straight from the UTF-8 bytes in one strict pass, instead of a strict
/// check, a decode to a string and a second parse by Newtonsoft's reader. It builds exactly what
/// <c>JToken.ReadFrom</c> builds with <see cref="EventJson"/>'s settings (a later duplicate property replaces the
/// earlier one in its place, integers are <see cref="long"/>, other numbers <see cref="double"/>, strings stay
/// strings); whatever it is not sure of (invalid input, lone surrogates, integers beyond <see cref="long"/>, numbers
/// beyond <see cref="double"/>, deep nesting) it declines, and the caller takes the two-pass path, which decides.
/// </summary>
internal static class Utf8JsonTree
{
    // Below EventJson.MaxDepth, so the two-pass path alone decides how the depth limit is counted and reported.
    private const int MaxDepth = EventJson.MaxDepth - 4;

    /// <summary>The tree, or false when the two-pass path must decide (the input is invalid or unusual).</summary>
    public static bool TryRead(ReadOnlySpan<byte> utf8, out JToken? token)
    {
        token = null;

        // Utf8JsonReader checks the UTF-8 of strings only when they are decoded; the two-pass path names the error.
        if (utf8.IsEmpty || !System.Text.Unicode.Utf8.IsValid(utf8))
        {
            return false;
        }

        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = EventJson.MaxDepth });
        try
        {
            return reader.Read() && TryReadValue(ref reader, out token) && !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            // GetString on a lone surrogate escape.
            return false;
        }
    }

    private static bool TryReadValue(ref Utf8JsonReader reader, out JToken? token)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
            case JsonTokenType.StartArray:
                return TryReadContainer(ref reader, out token);
            default:
                var read = TryReadPrimitive(ref reader, out var value);
                token = value;
                return read;
        }
    }

    // Iterative, so depth costs no stack. A property is made once its value is known (JProperty has no public way to
    // be made empty); a later duplicate replaces the earlier one in its place, as Newtonsoft's reader does.
    private static bool TryReadContainer(ref Utf8JsonReader reader, out JToken? token)
    {
        JContainer root = reader.TokenType == JsonTokenType.StartObject ? new JObject() : new JArray();
        token = root;
        var parent = root;
        string? name = null;
        while (reader.Read())
        {
            if (reader.CurrentDepth > MaxDepth)
            {
                return false;
            }

            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                case JsonTokenType.StartArray:
                    JContainer child = reader.TokenType == JsonTokenType.StartObject ? new JObject() : new JArray();
                    Attach(parent, name, child);
                    parent = child;
                    break;
                case JsonTokenType.EndObject:
                case JsonTokenType.EndArray:
                    if (parent == root)
                    {
                        return true;
                    }

                    parent = parent.Parent is JProperty property ? property.Parent! : parent.Parent!;
                    break;
                case JsonTokenType.PropertyName:
                    name = reader.GetString()!;
                    continue;
                default:
                    if (!TryReadPrimitive(ref reader, out var value))
                    {
                        return false;
                    }

                    Attach(parent, name, value!);
                    break;
            }

            name = null;
        }

        return false;
    }

    private static void Attach(JContainer parent, string? name, JToken value)
    {
        if (parent is not JObject obj)
        {
            parent.Add(value);
            return;
        }

        var property = new JProperty(name!, value);
        if (obj.Property(name!, StringComparison.Ordinal) is { } existing)
        {
            existing.Replace(property);
        }
        else
        {
            obj.Add(property);
        }
    }

    private static bool TryReadPrimitive(ref Utf8JsonReader reader, out JValue? value)
    {
        value = null;
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                value = new JValue(reader.GetString());
                return true;
            case JsonTokenType.True:
                value = new JValue(true);
                return true;
            case JsonTokenType.False:
                value = new JValue(false);
                return true;
            case JsonTokenType.Null:
                value = JValue.CreateNull();
                return true;
            case JsonTokenType.Number:
                // Newtonsoft reads a number without '.', 'e' or 'E' as an integer (long, else BigInteger), others as double.
                var text = reader.ValueSpan;
                if (text.IndexOfAny((byte)'.', (byte)'e', (byte)'E') < 0)
                {
                    if (!reader.TryGetInt64(out var integer))
                    {
                        return false;
                    }

                    value = new JValue(integer);
                    return true;
                }

                if (!reader.TryGetDouble(out var number) || !double.IsFinite(number))
                {
                    return false;
                }

                value = new JValue(number);
                return true;
            default:
                return false;
        }
    }
}
