using LiveRelay.Queues;
using LiveRelay.Testing;
using LiveRelay.Tests.Queues;

namespace LiveRelay.Tests.Operations;

[Collection(AzuriteCollection.Name)]
public sealed class AzuritePoisonQueueServiceTests(AzuriteFixture azurite) : PoisonQueueServiceTests
{
    protected override IMessageQueueFactory Factory { get; } = TestQueues.AzuriteFactory(azurite.Server);
}
