using LiveRelay.Queues;
using LiveRelay.Queues.InMemory;

namespace LiveRelay.Tests.Operations;

public sealed class InMemoryPoisonQueueServiceTests : PoisonQueueServiceTests
{
    protected override IMessageQueueFactory Factory { get; } = new InMemoryMessageQueueFactory();
}
