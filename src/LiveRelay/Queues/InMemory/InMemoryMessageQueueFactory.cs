using System.Collections.Concurrent;

namespace LiveRelay.Queues.InMemory;

/// <summary>The embedded default for a first run: every caller asking for a name gets the same in-memory queue.</summary>
public sealed class InMemoryMessageQueueFactory(TimeProvider? timeProvider = null) : IMessageQueueFactory
{
    private readonly ConcurrentDictionary<string, InMemoryMessageQueue> _queues = new(StringComparer.Ordinal);
    private readonly TimeProvider _timeProvider = timeProvider ?? TimeProvider.System;

    public IMessageQueue GetQueue(string name)
    {
        QueueNames.Validate(name);
        return _queues.GetOrAdd(name, static (n, time) => new InMemoryMessageQueue(n, time), _timeProvider);
    }
}
