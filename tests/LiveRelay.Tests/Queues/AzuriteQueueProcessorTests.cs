using LiveRelay.Queues;
using LiveRelay.Testing;

namespace LiveRelay.Tests.Queues;

[Collection(AzuriteCollection.Name)]
public sealed class AzuriteQueueProcessorTests(AzuriteFixture azurite) : QueueProcessorTests
{
    protected override IMessageQueueFactory Factory { get; } = TestQueues.AzuriteFactory(azurite.Server);
}
