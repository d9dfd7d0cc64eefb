using System.Text.Json;
using LiveRelay.Queues.Processing;

namespace LiveRelay.Tests.Queues;

public sealed class PoisonMessageSerializerTests
{
    private static readonly PoisonMessage Sample = new(
        "Envelope version 2 is not supported.", "InvalidEnvelope", 1,
        new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero), "live-messages", "6c2d0b1e-3f1a-4d7e-9a51-0b9a7f0e2c11",
        new DateTimeOffset(2026, 3, 1, 11, 59, 59, TimeSpan.Zero), "{\"v\":2,\"id\":\"x\"}");

    [Fact]
    public void The_format_is_the_documented_camelCase_object_with_the_original_content_as_a_string()
    {
        using var document = JsonDocument.Parse(PoisonMessageSerializer.Serialize(Sample));
        var root = document.RootElement;

        Assert.Equal(
            ["reason", "code", "attempts", "failedAt", "queue", "messageId", "insertedAt", "message"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("InvalidEnvelope", root.GetProperty("code").GetString());
        Assert.Equal(1, root.GetProperty("attempts").GetInt64());
        Assert.Equal("2026-03-01T12:00:00+00:00", root.GetProperty("failedAt").GetString());
        Assert.Equal("{\"v\":2,\"id\":\"x\"}", root.GetProperty("message").GetString());
    }

    [Fact]
    public void It_reads_back_what_it_wrote_and_nothing_else()
    {
        Assert.True(PoisonMessageSerializer.TryDeserialize(PoisonMessageSerializer.Serialize(Sample), out var read));
        Assert.Equal(Sample, read);

        Assert.False(PoisonMessageSerializer.TryDeserialize("{\"v\":1,\"id\":\"an envelope parked as it was\"}", out _));
        Assert.False(PoisonMessageSerializer.TryDeserialize("eyJ2IjoxfQ==", out _));
        Assert.False(PoisonMessageSerializer.TryDeserialize("{broken", out _));
    }
}
