namespace LiveRelay.Delivery.Sending;

/// <summary>How one send through <see cref="ILiveMessageSender"/> ended: <see cref="SendSucceeded"/> or <see cref="SendFailed"/>.</summary>
/// <param name="Attempts">Live API calls made, retries included (0 when nothing was sent).</param>
public abstract record SendResult(int Attempts);
