using System.Text.Json.Serialization;

namespace LiveRelay.Harness.Cost;

/// <summary>The floor's group message content: what the <c>orders</c> source's <c>room</c> rule puts in <c>Data</c>.</summary>
internal sealed record FloorGroupData(
    [property: JsonPropertyName("event")] string Event,
    [property: JsonPropertyName("order")] string Order,
    [property: JsonPropertyName("text")] string Text);
