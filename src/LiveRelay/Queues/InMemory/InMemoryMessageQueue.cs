using System.Security.Cryptography;

namespace LiveRelay.Queues.InMemory;

/// <summary>
/// A queue in this process's memory with the service's semantics: visibility timeouts in whole seconds, dequeue counts,
/// pop receipts that change on every receive and update, time to live, and the same errors. Time comes from the
/// <see cref="TimeProvider"/>, so tests can move it by hand. Messages are lost when the process ends.
/// </summary>
public sealed class InMemoryMessageQueue : IMessageQueue
{
    private static readonly DateTimeOffset NeverExpires = new(9999, 12, 31, 23, 59, 59, TimeSpan.Zero);

    private readonly object _gate = new();
    private readonly List<Entry> _entries = [];
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
        lock (_gate)
        {
            EnsureExists("Send");
            var now = _timeProvider.GetUtcNow();
            var entry = new Entry(Guid.NewGuid().ToString("D"), ++_sequence, text, now)
            {
                ExpiresOn = ttl switch
                {
                    null => now + QueueLimits.DefaultTimeToLive,
                    -1 => NeverExpires,
                    var seconds => now.AddSeconds(seconds.Value),
                },
                NextVisibleOn = now.AddSeconds(delay),
                PopReceipt = NewPopReceipt(),
            };
            _entries.Add(entry);
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
            var taken = VisibleAt(now).Take(count).ToList();
            var received = new List<QueueMessage>(taken.Count);
            foreach (var entry in taken)
            {
                entry.DequeueCount++;
                entry.PopReceipt = NewPopReceipt();
                entry.NextVisibleOn = now.AddSeconds(seconds);
                received.Add(new QueueMessage(
                    entry.MessageId, entry.PopReceipt, entry.DequeueCount, entry.Text, entry.InsertedOn, entry.ExpiresOn, entry.NextVisibleOn));
            }

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
            _entries.Remove(entry);
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
            entry.NextVisibleOn = _timeProvider.GetUtcNow().AddSeconds(seconds);
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
            IReadOnlyList<PeekedQueueMessage> peeked = VisibleAt(_timeProvider.GetUtcNow())
                .Take(count)
                .Select(e => new PeekedQueueMessage(e.MessageId, e.DequeueCount, e.Text, e.InsertedOn, e.ExpiresOn))
                .ToList();
            return Task.FromResult(peeked);
        }
    }

    private IEnumerable<Entry> VisibleAt(DateTimeOffset now)
    {
        RemoveExpired(now);
        return _entries.Where(e => e.NextVisibleOn <= now).OrderBy(e => e.NextVisibleOn).ThenBy(e => e.Sequence);
    }

    private void RemoveExpired(DateTimeOffset now) => _entries.RemoveAll(e => e.ExpiresOn <= now);

    private Entry FindForReceipt(string operation, string messageId, string popReceipt)
    {
        EnsureExists(operation);
        RemoveExpired(_timeProvider.GetUtcNow());
        var entry = _entries.Find(e => e.MessageId == messageId)
            ?? throw new MessageQueueException(Name, operation, QueueErrorCodes.MessageNotFound, "The specified message does not exist.");
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

    private static string NewPopReceipt() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(12));

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
    }
}
