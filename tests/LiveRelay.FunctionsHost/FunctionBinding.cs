using System.Text.Json;

namespace LiveRelay.FunctionsHost;

/// <summary>One binding of an indexed function, read from the raw binding JSON the worker reported.</summary>
public sealed record FunctionBinding(
    string Name,
    string Type,
    string Direction,
    string? Route,
    IReadOnlyList<string> Methods,
    string? AuthLevel,
    string? QueueName,
    string? Connection)
{
    public bool IsTrigger => Type.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase);

    public bool IsOutput => Direction.Equals("Out", StringComparison.OrdinalIgnoreCase);

    public static FunctionBinding Parse(string rawBinding)
    {
        using var document = JsonDocument.Parse(rawBinding);
        var root = document.RootElement;
        return new FunctionBinding(
            Text(root, "name") ?? string.Empty,
            Text(root, "type") ?? string.Empty,
            Text(root, "direction") ?? "In",
            Text(root, "route"),
            Property(root, "methods") is { ValueKind: JsonValueKind.Array } methods
                ? [.. methods.EnumerateArray().Select(static m => m.GetString() ?? string.Empty)]
                : [],
            Text(root, "authLevel"),
            Text(root, "queueName"),
            Text(root, "connection"));
    }

    private static string? Text(JsonElement element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    // The worker writes the names in camelCase; the runtime reads them case-insensitively.
    private static JsonElement? Property(JsonElement element, string name)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (property.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }
}
