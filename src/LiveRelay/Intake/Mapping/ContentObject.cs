using Newtonsoft.Json;

namespace LiveRelay.Intake.Mapping;

internal sealed class ContentObject(string field, IReadOnlyList<KeyValuePair<string, ContentNode>> members) : ContentNode(field)
{
    public override bool UsesElement { get; } = members.Any(m => m.Value.UsesElement);

    public override bool TryWrite(JsonWriter writer, MappingScope scope, string? propertyName, out MappingFailure failure)
    {
        if (propertyName is not null)
        {
            writer.WritePropertyName(propertyName);
        }

        writer.WriteStartObject();
        foreach (var (name, node) in members)
        {
            if (!node.TryWrite(writer, scope, name, out failure))
            {
                return false;
            }
        }

        writer.WriteEndObject();
        failure = default;
        return true;
    }
}
