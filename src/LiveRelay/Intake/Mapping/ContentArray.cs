using Newtonsoft.Json;

namespace LiveRelay.Intake.Mapping;

internal sealed class ContentArray(string field, IReadOnlyList<ContentNode> items) : ContentNode(field)
{
    public override bool UsesElement { get; } = items.Any(i => i.UsesElement);

    public override bool TryWrite(JsonWriter writer, MappingScope scope, string? propertyName, out MappingFailure failure)
    {
        if (propertyName is not null)
        {
            writer.WritePropertyName(propertyName);
        }

        writer.WriteStartArray();
        foreach (var item in items)
        {
            if (!item.TryWrite(writer, scope, null, out failure))
            {
                return false;
            }
        }

        writer.WriteEndArray();
        failure = default;
        return true;
    }
}
