using System.Text.Json.Serialization;

namespace LiveRelay.Operations.Status;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(OperationsStatus))]
internal sealed partial class OperationsStatusJsonContext : JsonSerializerContext;
