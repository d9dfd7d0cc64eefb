using LiveRelay.Queues;
using LiveRelay.Testing;

namespace LiveRelay.Tests.Queues;

[Collection(AzuriteCollection.Name)]
public sealed class AzuriteMessageQueueContractTests(AzuriteFixture azurite) : MessageQueueContractTests
{
    protected override IMessageQueueFactory Factory { get; } = TestQueues.AzuriteFactory(azurite.Server);

    protected override Task PassAsync(TimeSpan duration) => Task.Delay(duration);
}
