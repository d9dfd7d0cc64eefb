using Newtonsoft.Json;

namespace LiveRelay.Intake.Mapping;

/// <summary>A template inside <c>Content</c>: a value read whole keeps its JSON type (objects included); text stays text.</summary>
internal sealed class ContentValue(string field, CompiledTemplate template) : ContentNode(field)
{
    public override bool UsesElement => template.UsesElement;

    public override bool TryWrite(JsonWriter writer, MappingScope scope, string? propertyName, out MappingFailure failure)
    {
        if (!template.TryEvaluate(scope, out var value, out var error))
        {
            failure = new MappingFailure(Field, error!);
            return false;
        }

        failure = default;
        if (value.IsMissing)
        {
            return true;
        }

        if (propertyName is not null)
        {
            writer.WritePropertyName(propertyName);
        }

        if (value.Token is not null)
        {
            value.Token.WriteTo(writer);
        }
        else
        {
            writer.WriteValue(value.Text);
        }

        return true;
    }
}
