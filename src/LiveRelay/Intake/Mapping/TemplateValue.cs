using Newtonsoft.Json.Linq;

namespace LiveRelay.Intake.Mapping;

/// <summary>A template's result: text, a JSON value read whole from the event, or nothing (an optional value that is absent).</summary>
internal readonly record struct TemplateValue(string? Text, JToken? Token)
{
    public static TemplateValue Missing => default;

    public bool IsMissing => Text is null && Token is null;
}
