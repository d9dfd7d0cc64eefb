using LiveRelay.Queues;
using LiveRelay.Queues.InMemory;
using LiveRelay.Testing;

namespace LiveRelay.Tests.Queues;

public sealed class InMemoryMessageQueueContractTests : MessageQueueContractTests
{
    private readonly ManualTimeProvider _time = new();

    public InMemoryMessageQueueContractTests()
    {
        Factory = new InMemoryMessageQueueFactory(_time);
    }

    protected override IMessageQueueFactory Factory { get; }

    protected override Task PassAsync(TimeSpan duration)
    {
        _time.Advance(duration);
        return Task.CompletedTask;
    }

    [Fact]
    public void The_same_name_gives_the_same_queue()
    {
        var name = TestQueues.UniqueName();
        Assert.Same(Factory.GetQueue(name), Factory.GetQueue(name));
    }
}
