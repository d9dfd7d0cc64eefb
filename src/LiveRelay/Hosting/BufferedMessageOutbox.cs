using LiveRelay.Messages;

namespace LiveRelay.Hosting;

/// <summary>
/// Collects envelopes as JSON text for a queue output binding. The binding applies host.json's
/// <c>messageEncoding</c>, so the text is not encoded here.
/// </summary>
public sealed class BufferedMessageOutbox : IMessageOutbox
{
    private readonly List<string> _messages = [];

    public IReadOnlyList<string> Messages => _messages;

    public ValueTask EnqueueAsync(IReadOnlyList<MessageEnvelope> envelopes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(envelopes);
        foreach (var envelope in envelopes)
        {
            _messages.Add(MessageEnvelopeSerializer.SerializeToString(envelope));
        }

        return ValueTask.CompletedTask;
    }
}
