using LiveRelay.Emulator.Settings;
using Microsoft.Extensions.Options;

namespace LiveRelay.Emulator.Messages;

/// <summary>
/// Every accepted message, in arrival order, up to <see cref="EmulatorOptions.MaxRecordedMessages"/> (the oldest go
/// first). Duplicates are kept: the API itself deduplicates on MsgTid, so callers need to see how often they sent one.
/// </summary>
public sealed class MessageLog(IOptions<EmulatorOptions> options)
{
    private readonly Lock _gate = new();
    private readonly Queue<RecordedMessage> _messages = new();
    private readonly int _capacity = options.Value.MaxRecordedMessages;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _messages.Count;
            }
        }
    }

    public void Add(RecordedMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        lock (_gate)
        {
            if (_messages.Count == _capacity)
            {
                _messages.Dequeue();
            }

            _messages.Enqueue(message);
        }
    }

    public IReadOnlyList<RecordedMessage> Find(MessageFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        lock (_gate)
        {
            return _messages.Where(filter.Matches).ToList();
        }
    }

    /// <summary>Every MsgTid carried by more than one accepted message, most repeated first.</summary>
    public IReadOnlyList<DuplicateMessage> FindDuplicates()
    {
        lock (_gate)
        {
            return _messages
                .Where(static m => !string.IsNullOrEmpty(m.Parameters.GetValueOrDefault("MsgTid")))
                .GroupBy(static m => m.Parameters["MsgTid"], StringComparer.Ordinal)
                .Where(static g => g.Count() > 1)
                .Select(static g => new DuplicateMessage(g.Key, g.Count(), g.Select(static m => m.RequestId).ToList()))
                .OrderByDescending(static d => d.Count)
                .ThenBy(static d => d.MsgTid, StringComparer.Ordinal)
                .ToList();
        }
    }

    /// <returns>How many messages were removed.</returns>
    public int Clear()
    {
        lock (_gate)
        {
            var count = _messages.Count;
            _messages.Clear();
            return count;
        }
    }
}
