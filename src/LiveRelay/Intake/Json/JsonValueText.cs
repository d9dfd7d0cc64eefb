using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace LiveRelay.Intake.Json;

/// <summary>How a JSON value reads as text: strings as they are, numbers and booleans as JSON writes them, objects and arrays as compact JSON.</summary>
internal static class JsonValueText
{
    /// <summary>True for values that count as absent: no token, or JSON null.</summary>
    public static bool IsMissing(JToken? token) => token is null || token.Type is JTokenType.Null or JTokenType.Undefined;

    public static string ToText(JToken token) => token switch
    {
        JValue { Type: JTokenType.String, Value: string s } => s,
        JValue { Type: JTokenType.Integer } v => Convert.ToString(v.Value, CultureInfo.InvariantCulture) ?? string.Empty,
        JValue { Type: JTokenType.Boolean, Value: bool b } => b ? "true" : "false",
        _ => token.ToString(Formatting.None),
    };

    /// <summary>A short description of a value's type for error messages (never the value: events may carry personal data).</summary>
    public static string Describe(JToken token) => token.Type switch
    {
        JTokenType.Object => "an object",
        JTokenType.Array => "an array",
        JTokenType.String => "a string",
        JTokenType.Integer => "an integer",
        JTokenType.Float => "a number with a fraction",
        JTokenType.Boolean => "a boolean",
        _ => "a " + token.Type.ToString().ToLowerInvariant(),
    };
}
