using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace LiveRelay.Tests.Deployment;

/// <summary>Where queue names are written down outside the Bicep: the code's constants, DESIGN.md, host.json.</summary>
internal static partial class QueueNameSources
{
    /// <summary>
    /// The queues DESIGN.md names. Used only while the code has no queue-name constants class; once one exists
    /// (a static class named *QueueName*, or *Names in a *.Queues namespace), its constants are the reference instead.
    /// </summary>
    public static IReadOnlyList<string> DesignQueues { get; } = ["live-events", "live-messages"];

    public const string PoisonSuffix = "-poison";

    /// <summary>Queue names declared as constants in the code, with the class that declares them; null when there is no such class.</summary>
    public static (string DeclaredBy, IReadOnlyList<string> Names)? FromCode()
    {
        var classes = LiveRelayAssemblies.Load()
            .SelectMany(LiveRelayAssemblies.TypesOf)
            .Where(IsQueueNamesClass)
            .ToList();
        if (classes.Count == 0)
        {
            return null;
        }

        var names = classes
            .SelectMany(type => type.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(field => field is { IsLiteral: true } && field.FieldType == typeof(string))
            .Select(field => (string)field.GetRawConstantValue()!)
            .Where(IsValidQueueName)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return (string.Join(", ", classes.Select(c => c.FullName)), names);
    }

    /// <summary>String values in host.json that look like LiveRelay queue names (host.json may not exist yet).</summary>
    public static IReadOnlyList<(string Path, string Value)> FromHostJson(string repositoryRoot)
    {
        var path = Path.Combine(repositoryRoot, "host.json");
        if (!File.Exists(path))
        {
            return [];
        }

        using var document = JsonDocument.Parse(
            File.ReadAllText(path),
            new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var found = new List<(string, string)>();
        Collect(document.RootElement, "$", found);
        return found;
    }

    /// <summary>Azure queue naming: 3-63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit.</summary>
    public static bool IsValidQueueName(string name) => name.Length is >= 3 and <= 63 && QueueNamePattern().IsMatch(name);

    private static bool IsQueueNamesClass(Type type) =>
        type is { IsAbstract: true, IsSealed: true, IsClass: true }
        && (type.Name.Contains("QueueName", StringComparison.Ordinal)
            || (type.Namespace?.EndsWith(".Queues", StringComparison.Ordinal) == true && type.Name.EndsWith("Names", StringComparison.Ordinal)));

    private static void Collect(JsonElement element, string path, List<(string, string)> found)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Collect(property.Value, $"{path}.{property.Name}", found);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, $"{path}[{index++}]", found);
                }

                break;
            case JsonValueKind.String when element.GetString() is { } value && value.StartsWith("live-", StringComparison.Ordinal):
                found.Add((path, value));
                break;
        }
    }

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9]))*$")]
    private static partial Regex QueueNamePattern();
}
