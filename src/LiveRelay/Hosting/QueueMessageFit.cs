using LiveRelay.Messages;
using LiveRelay.Queues;

namespace LiveRelay.Hosting;

/// <summary>
/// Whether envelopes fit in one queue message each. Group <c>Data</c> has no API limit of its own, so a large event can
/// make one that does not; queued, it would fail on every try, so it is refused up front, all or nothing.
/// </summary>
internal static class QueueMessageFit
{
    /// <summary>The first envelope that would not fit in one queue message in base64 (the default messageEncoding, and the larger of the two).</summary>
    public static (MessageEnvelope Envelope, long Bytes)? FindTooLarge(IReadOnlyList<MessageEnvelope> envelopes)
    {
        foreach (var envelope in envelopes)
        {
            // Measured only when a bound says it might not fit: the envelope is serialized again when it is queued.
            if (Base64Length(MessageEnvelopeSerializer.MaxBytes(envelope)) <= QueueLimits.MaxMessageBytes)
            {
                continue;
            }

            var base64Bytes = Base64Length(MessageEnvelopeSerializer.MeasureBytes(envelope));
            if (base64Bytes > QueueLimits.MaxMessageBytes)
            {
                return (envelope, base64Bytes);
            }
        }

        return null;
    }

    private static long Base64Length(long bytes) => ((bytes + 2) / 3) * 4;

    public static string Describe((MessageEnvelope Envelope, long Bytes) tooLarge) =>
        $"Message {tooLarge.Envelope.Id} is {tooLarge.Bytes} bytes as a queue message; a queue message holds at most {QueueLimits.MaxMessageBytes}. " +
        "Nothing was queued. Send less content per message, or deliver this source directly.";
}
