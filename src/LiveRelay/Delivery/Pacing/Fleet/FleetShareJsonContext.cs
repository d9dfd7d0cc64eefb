using System.Text.Json.Serialization;

namespace LiveRelay.Delivery.Pacing.Fleet;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(FleetShareHolder[]))]
internal sealed partial class FleetShareJsonContext : JsonSerializerContext;
