using LiveRelay.Messages;

namespace LiveRelay.Delivery.Sending;

/// <summary>The one way messages reach the Live API: validated, paced, retried within bounds, and reported as a <see cref="SendResult"/>.</summary>
public interface ILiveMessageSender
{
    /// <summary>Sends one message. Failures come back as <see cref="SendFailed"/>, not as exceptions.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    Task<SendResult> SendAsync(LiveMessage message, CancellationToken cancellationToken = default);
}
