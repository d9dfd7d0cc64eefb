using LiveRelay.Queues;
using LiveRelay.Tests.Queues;

namespace LiveRelay.Tests.Operations;

/// <summary>
/// The real queues of <paramref name="inner"/> under a prefix, so tests sharing one Azurite each have their own
/// <c>live-messages</c> and <c>live-messages-poison</c>. <see cref="FailSendsTo"/> makes sends to one queue fail, as an
/// unreachable or refusing queue would.
/// </summary>
internal sealed class PrefixedQueueFactory(IMessageQueueFactory inner, string prefix) : IMessageQueueFactory
{
    public string? FailSendsTo { get; set; }

    public IMessageQueue GetQueue(string name)
    {
        var queue = inner.GetQueue(prefix + name);
        return name == FailSendsTo ? new RefusingQueue(queue) : queue;
    }

    private sealed class RefusingQueue(IMessageQueue queue) : DelegatingMessageQueue(queue)
    {
        public override Task<SendReceipt> SendAsync(string text, TimeSpan? visibilityDelay = null, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default) =>
            throw new MessageQueueException(Name, "Send", QueueErrorCodes.ConnectionFailed, "Refused by the test.");
    }
}
