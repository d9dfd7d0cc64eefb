using System.Buffers.Binary;
using System.Security.Cryptography;

namespace LiveRelay.Queues.InMemory;

/// <summary>
/// A queue in this process's memory with the service's semantics: visibility timeouts in whole seconds, dequeue counts,
/// pop receipts that change on every receive and update, time to live, and the same errors. Time comes from the
/// <see cref="TimeProvider"/>, so tests can move it by hand. Messages are lost when the process ends.
/// </summary>
/// <remarks>
/// Every operation costs O(log n) in the messages held, so a backlog of hundreds of thousands costs delivery no more
/// per message than an empty queue: messages are found by id in a dictionary; receive order (visible since, then
/// arrival) is a heap, and so is expiry. A message that is received, released or deleted leaves its old heap node
/// behind as stale (told apart by a version number); the heaps are rebuilt from the live messages when stale nodes
/// outnumber them, which keeps memory bounded at an amortized O(1) per operation.
/// </remarks>
public sealed class InMemoryMessageQueue : IMessageQueue
{
    private static readonly DateTimeOffset NeverExpires = new(9999, 12, 31, 23, 59, 59, TimeSpan.Zero);
    private static readonly long ProcessRandom = BinaryPrimitives.ReadInt64LittleEndian(RandomNumberGenerator.GetBytes(8));
    private static long s_counter;

    /// <summary>Stale heap nodes tolerated beyond the live messages before a rebuild.</summary>
    private const int RebuildSlack = 1024;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly PriorityQueue<Node, (DateTimeOffset VisibleOn, long Sequence)> _visibility = new();
    private readonly PriorityQueue<Entry, DateTimeOffset> _expiry = new();
    private readonly TimeProvider _timeProvider;
    private bool _exists;
    private long _sequence;

    public InMemoryMessageQueue(string name, TimeProvider? timeProvider = null)
    {
        QueueNames.Validate(name);
        Name = name;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    public string Name { get; }

    public Task<bool> CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var created = !_exists;
            _exists = true;
            return Task.FromResult(created);
        }
    }

    public Task<SendReceipt> SendAsync(string text, TimeSpan? visibilityDelay = null, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default)
    {
        QueueRequestRules.ValidateText(text);
        var (delay, ttl) = QueueRequestRules.SendSeconds(visibilityDelay, timeToLive);
        cancellationToken.ThrowIfCancellationRequested();
        var messageId = NewMessageId();
        var popReceipt = NewPopReceipt();
        lock (_gate)
        {
            EnsureExists("Send");
            var now = _timeProvider.GetUtcNow();
            var entry = new Entry(messageId, ++_sequence, text, now)
            {
                ExpiresOn = ttl switch
                {
                    null => now + QueueLimits.DefaultTimeToLive,
                    -1 => NeverExpires,
                    var seconds => now.AddSeconds(seconds.Value),
                },
                PopReceipt = popReceipt,
            };
            _entries.Add(entry.MessageId, entry);
            _expiry.Enqueue(entry, entry.ExpiresOn);
            Schedule(entry, now.AddSeconds(delay));
            return Task.FromResult(new SendReceipt(entry.MessageId, entry.PopReceipt, entry.InsertedOn, entry.ExpiresOn, entry.NextVisibleOn));
        }
    }

    public Task<IReadOnlyList<QueueMessage>> ReceiveAsync(int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default)
    {
        var count = QueueRequestRules.ReceiveCount(maxMessages);
        var seconds = QueueRequestRules.ToSeconds(visibilityTimeout, TimeSpan.FromSeconds(1), QueueLimits.MaxVisibilityTimeout, nameof(visibilityTimeout));
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            EnsureExists("Receive");
            var now = _timeProvider.GetUtcNow();
            RemoveExpired(now);
            var taken = TakeVisible(now, count);
            var received = new List<QueueMessage>(taken.Count);
            foreach (var entry in taken)
            {
                entry.DequeueCount++;
                entry.PopReceipt = NewPopReceipt();
                Schedule(entry, now.AddSeconds(seconds));
                received.Add(new QueueMessage(
                    entry.MessageId, entry.PopReceipt, entry.DequeueCount, entry.Text, entry.InsertedOn, entry.ExpiresOn, entry.NextVisibleOn));
            }

            CompactIfStale();
            return Task.FromResult<IReadOnlyList<QueueMessage>>(received);
        }
    }

    public Task DeleteAsync(string messageId, string popReceipt, CancellationToken cancellationToken = default)
    {
        QueueRequestRules.ValidateReceipt(messageId, popReceipt);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var entry = FindForReceipt("Delete", messageId, popReceipt);
            Remove(entry);
            CompactIfStale();
            return Task.CompletedTask;
        }
    }

    public Task<UpdateReceipt> UpdateVisibilityAsync(string messageId, string popReceipt, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default)
    {
        QueueRequestRules.ValidateReceipt(messageId, popReceipt);
        var seconds = QueueRequestRules.ToSeconds(visibilityTimeout, TimeSpan.Zero, QueueLimits.MaxVisibilityTimeout, nameof(visibilityTimeout));
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var entry = FindForReceipt("UpdateVisibility", messageId, popReceipt);
            entry.PopReceipt = NewPopReceipt();
            Schedule(entry, _timeProvider.GetUtcNow().AddSeconds(seconds));
            CompactIfStale();
            return Task.FromResult(new UpdateReceipt(entry.PopReceipt, entry.NextVisibleOn));
        }
    }

    public Task<int> GetApproximateCountAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            EnsureExists("Count");
            RemoveExpired(_timeProvider.GetUtcNow());
            return Task.FromResult(_entries.Count);
        }
    }

    public Task<IReadOnlyList<PeekedQueueMessage>> PeekAsync(int maxMessages = 1, CancellationToken cancellationToken = default)
    {
        var count = QueueRequestRules.ReceiveCount(maxMessages);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            EnsureExists("Peek");
            var now = _timeProvider.GetUtcNow();
            RemoveExpired(now);
            var taken = TakeVisible(now, count);

            // Peeking changes nothing: the messages go back exactly where they were.
            foreach (var entry in taken)
            {
                _visibility.Enqueue(new Node(entry, entry.Version), (entry.NextVisibleOn, entry.Sequence));
            }

            IReadOnlyList<PeekedQueueMessage> peeked = taken
                .Select(static e => new PeekedQueueMessage(e.MessageId, e.DequeueCount, e.Text, e.InsertedOn, e.ExpiresOn))
                .ToList();
            return Task.FromResult(peeked);
        }
    }

    /// <summary>Takes up to <paramref name="count"/> visible messages off the visibility heap, in receive order, dropping stale nodes.</summary>
    private List<Entry> TakeVisible(DateTimeOffset now, int count)
    {
        var taken = new List<Entry>(Math.Min(count, _entries.Count));
        while (taken.Count < count && _visibility.TryPeek(out var node, out var priority) && priority.VisibleOn <= now)
        {
            _visibility.Dequeue();
            if (node.IsCurrent)
            {
                taken.Add(node.Entry);
            }
        }

        return taken;
    }

    /// <summary>Makes <paramref name="entry"/> visible from <paramref name="visibleOn"/>; any node it had before becomes stale.</summary>
    private void Schedule(Entry entry, DateTimeOffset visibleOn)
    {
        entry.NextVisibleOn = visibleOn;
        entry.Version++;
        _visibility.Enqueue(new Node(entry, entry.Version), (visibleOn, entry.Sequence));
    }

    private void Remove(Entry entry)
    {
        _entries.Remove(entry.MessageId);
        entry.Removed = true;
    }

    private void RemoveExpired(DateTimeOffset now)
    {
        while (_expiry.TryPeek(out var entry, out var expiresOn) && expiresOn <= now)
        {
            _expiry.Dequeue();
            if (!entry.Removed)
            {
                Remove(entry);
            }
        }
    }

    private void CompactIfStale()
    {
        if (_visibility.Count > (2 * _entries.Count) + RebuildSlack)
        {
            _visibility.Clear();
            _visibility.EnqueueRange(_entries.Values.Select(static e => (new Node(e, e.Version), (e.NextVisibleOn, e.Sequence))));
        }

        if (_expiry.Count > (2 * _entries.Count) + RebuildSlack)
        {
            _expiry.Clear();
            _expiry.EnqueueRange(_entries.Values.Select(static e => (e, e.ExpiresOn)));
        }
    }

    private Entry FindForReceipt(string operation, string messageId, string popReceipt)
    {
        EnsureExists(operation);
        RemoveExpired(_timeProvider.GetUtcNow());
        if (!_entries.TryGetValue(messageId, out var entry))
        {
            throw new MessageQueueException(Name, operation, QueueErrorCodes.MessageNotFound, "The specified message does not exist.");
        }

        return entry.PopReceipt == popReceipt
            ? entry
            : throw new MessageQueueException(
                Name, operation, QueueErrorCodes.PopReceiptMismatch, "The specified pop receipt did not match the pop receipt for a dequeued message.");
    }

    private void EnsureExists(string operation)
    {
        if (!_exists)
        {
            throw new MessageQueueException(Name, operation, QueueErrorCodes.QueueNotFound, "The specified queue does not exist.");
        }
    }

    // Ids and receipts only have to be unique in this process (the service's are opaque too): a random part drawn once
    // and a counter, rather than a call into the system's random source for every send, receive and update.
    private static string NewMessageId()
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, ProcessRandom);
        BinaryPrimitives.WriteInt64LittleEndian(bytes[8..], Interlocked.Increment(ref s_counter));
        return new Guid(bytes).ToString("D");
    }

    private static string NewPopReceipt()
    {
        Span<byte> bytes = stackalloc byte[12];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, (int)ProcessRandom);
        BinaryPrimitives.WriteInt64LittleEndian(bytes[4..], Interlocked.Increment(ref s_counter));
        return Convert.ToBase64String(bytes);
    }

    /// <summary>A place in the visibility heap; stale once its message was rescheduled or removed.</summary>
    private readonly record struct Node(Entry Entry, long Version)
    {
        public bool IsCurrent => !Entry.Removed && Entry.Version == Version;
    }

    private sealed class Entry(string messageId, long sequence, string text, DateTimeOffset insertedOn)
    {
        public string MessageId { get; } = messageId;

        public long Sequence { get; } = sequence;

        public string Text { get; } = text;

        public DateTimeOffset InsertedOn { get; } = insertedOn;

        public DateTimeOffset ExpiresOn { get; init; }

        public DateTimeOffset NextVisibleOn { get; set; }

        public string PopReceipt { get; set; } = string.Empty;

        public long DequeueCount { get; set; }

        /// <summary>Counts reschedules, so the visibility heap can tell this message's current node from old ones.</summary>
        public long Version { get; set; }

        public bool Removed { get; set; }
    }
}
