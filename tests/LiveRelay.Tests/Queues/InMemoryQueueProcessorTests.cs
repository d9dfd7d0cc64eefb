using LiveRelay.Queues;
using LiveRelay.Queues.InMemory;

namespace LiveRelay.Tests.Queues;

public sealed class InMemoryQueueProcessorTests : QueueProcessorTests
{
    protected override IMessageQueueFactory Factory { get; } = new InMemoryMessageQueueFactory();
}
