using System.Globalization;
using LiveRelay.Intake.Json;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace LiveRelay.Intake.Mapping;

/// <summary>
/// Turns a template's value into a parameter's type. Event values are taken leniently ("10001" is a fine MsgType,
/// "true" a fine flag), because senders often write numbers and flags as strings.
/// </summary>
internal static class ParameterConverter
{
    /// <summary>Stores <paramref name="value"/> (never missing) in <paramref name="fields"/>; false with a reason when it does not fit the type.</summary>
    public static bool TrySet(RequestFields fields, LiveParameter parameter, TemplateValue value, out string? error)
    {
        error = null;
        switch (parameter.Type)
        {
            case LiveParameterType.Text:
                fields.SetText(parameter.Id, value.Text ?? JsonValueText.ToText(value.Token!));
                return true;
            case LiveParameterType.Json:
                fields.SetText(parameter.Id, value.Text ?? (value.Token is JContainer container
                    ? container.ToString(Formatting.None)
                    : JsonValueText.ToText(value.Token!)));
                return true;
            case LiveParameterType.Int32 or LiveParameterType.Int64:
                var isInt32 = parameter.Type == LiveParameterType.Int32;
                if (TryNumber(value, isInt32, out var number))
                {
                    fields.SetNumber(parameter.Id, number);
                    return true;
                }

                error = $"must be {(isInt32 ? "a 32-bit" : "a 64-bit")} whole number, but the value is {Describe(value)}";
                return false;
            default:
                if (TryFlag(value, out var flag))
                {
                    fields.SetFlag(parameter.Id, flag);
                    return true;
                }

                error = $"must be true or false, but the value is {Describe(value)}";
                return false;
        }
    }

    public static bool TryNumber(TemplateValue value, bool int32, out long number)
    {
        number = 0;
        var ok = value.Token switch
        {
            JValue { Type: JTokenType.Integer, Value: long l } => Assign(l, out number),
            JValue { Type: JTokenType.Integer } => false,
            JValue { Type: JTokenType.String, Value: string s } => Parse(s, out number),
            null => Parse(value.Text!, out number),
            _ => false,
        };
        return ok && (!int32 || number is >= int.MinValue and <= int.MaxValue);

        static bool Assign(long from, out long to)
        {
            to = from;
            return true;
        }

        static bool Parse(string text, out long to) =>
            long.TryParse(text.AsSpan().Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out to);
    }

    public static bool TryFlag(TemplateValue value, out bool flag)
    {
        flag = false;
        return value.Token switch
        {
            JValue { Type: JTokenType.Boolean, Value: bool b } => (flag = b) || true,
            JValue { Type: JTokenType.String, Value: string s } => bool.TryParse(s.Trim(), out flag),
            null => bool.TryParse(value.Text!.Trim(), out flag),
            _ => false,
        };
    }

    private static string Describe(TemplateValue value) =>
        value.Token is null ? "text that does not parse" : JsonValueText.Describe(value.Token) + (value.Token.Type == JTokenType.String ? " that does not parse" : string.Empty);
}
