using System.Text.Json;
using System.Text.Json.Serialization;
using LiveRelay.Operations;
using LiveRelay.Operations.Status;
using LiveRelay.Testing;

namespace LiveRelay.Tests.Operations;

/// <summary>The status example in docs/operations-page.md is what the endpoint writes: it reads back, every field known.</summary>
public sealed class DocumentedStatusExampleTests
{
    [Fact]
    public void The_documented_status_reads_as_the_snapshot_and_writes_back_the_same()
    {
        var text = DocumentedExamples.Get("example-status", "after-a-run");
        var strict = new JsonSerializerOptions(OperationsStatusJsonContext.Default.Options) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };

        var status = JsonSerializer.Deserialize<OperationsStatus>(text, strict)!;

        var operation = Assert.Single(status.Operations);
        Assert.Equal(DeliveryActivity.SecondsKept, operation.CallsPerSecond.Count);
        Assert.Equal(operation.TotalCalls, operation.CallsPerSecond.Sum());
        Assert.Equal(4, status.Queues.Count);
        using var documented = JsonDocument.Parse(text);
        using var written = JsonDocument.Parse(OperationsResponses.Status(status).Body);
        Assert.True(JsonElement.DeepEquals(documented.RootElement, written.RootElement), "The example differs from what the endpoint writes for it.");
    }
}
