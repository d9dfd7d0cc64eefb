using Newtonsoft.Json;

namespace LiveRelay.Intake.Mapping;

/// <summary>One node of a rule's <c>Content</c> object: an object, an array, or a template.</summary>
internal abstract class ContentNode(string field)
{
    /// <summary>The configuration path of the node (<c>Content:order:id</c>), which errors name.</summary>
    public string Field { get; } = field;

    public abstract bool UsesElement { get; }

    /// <summary>Writes the node (after <paramref name="propertyName"/> when inside an object). An optional value that is absent writes nothing.</summary>
    public abstract bool TryWrite(JsonWriter writer, MappingScope scope, string? propertyName, out MappingFailure failure);
}
