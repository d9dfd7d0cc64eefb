using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace LiveRelay.Queues.Processing;

/// <summary>Flattens host.json into configuration keys: <c>extensions.queues.batchSize</c> becomes <c>AzureFunctionsJobHost:extensions:queues:batchSize</c>.</summary>
public sealed class HostJsonConfigurationProvider(HostJsonConfigurationSource source) : ConfigurationProvider
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = 32,
    };

    public override void Load()
    {
        ArgumentNullException.ThrowIfNull(source);
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (!File.Exists(source.Path))
        {
            if (!source.Optional)
            {
                throw new FileNotFoundException($"host.json was not found at '{source.Path}'.", source.Path);
            }

            Data = data;
            return;
        }

        try
        {
            using var stream = File.OpenRead(source.Path);
            using var document = JsonDocument.Parse(stream, DocumentOptions);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException($"host.json at '{source.Path}' must be a JSON object.");
            }

            Flatten(document.RootElement, HostJsonConfigurationSource.RootKey, data);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"host.json at '{source.Path}' is not valid JSON: {ex.Message}", ex);
        }

        Data = data;
    }

    private static void Flatten(JsonElement element, string prefix, Dictionary<string, string?> data)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Flatten(property.Value, ConfigurationPath.Combine(prefix, property.Name), data);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Flatten(item, ConfigurationPath.Combine(prefix, (index++).ToString(CultureInfo.InvariantCulture)), data);
                }

                break;
            case JsonValueKind.String:
                data[prefix] = element.GetString();
                break;
            case JsonValueKind.Null:
                data[prefix] = null;
                break;
            default:
                data[prefix] = element.GetRawText();
                break;
        }
    }
}
