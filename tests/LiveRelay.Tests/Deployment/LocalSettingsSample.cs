using System.Text.Json;

namespace LiveRelay.Tests.Deployment;

/// <summary>local.settings.sample.json at the repository root: the <c>Values</c> a local run starts from.</summary>
internal sealed class LocalSettingsSample
{
    public const string FileName = "local.settings.sample.json";

    private LocalSettingsSample(IReadOnlyDictionary<string, string> values) => Values = values;

    /// <summary>The <c>Values</c> entries as written (keys may use '__' or ':').</summary>
    public IReadOnlyDictionary<string, string> Values { get; }

    public static LocalSettingsSample Load(string repositoryRoot) =>
        Parse(File.ReadAllText(Path.Combine(repositoryRoot, FileName)));

    public static LocalSettingsSample Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var values = new Dictionary<string, string>(ConfigurationKeys.Comparer);
        if (!document.RootElement.TryGetProperty("Values", out var section) || section.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{FileName} has no \"Values\" object.");
        }

        foreach (var property in section.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.String)
            {
                // The Functions host reads Values as environment variables: strings only.
                throw new InvalidDataException($"{FileName}: Values.{property.Name} must be a string, not {property.Value.ValueKind}.");
            }

            values[property.Name] = property.Value.GetString()!;
        }

        return new LocalSettingsSample(values);
    }

    public string? ValueOf(string key) =>
        Values.FirstOrDefault(pair => ConfigurationKeys.Comparer.Equals(ConfigurationKeys.Normalize(pair.Key), key)).Value;
}
