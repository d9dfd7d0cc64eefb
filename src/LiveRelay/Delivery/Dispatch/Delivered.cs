namespace LiveRelay.Delivery.Dispatch;

/// <summary>The Live API accepted the message.</summary>
/// <param name="RequestId">The API's RequestId.</param>
/// <param name="MessageId">SendMessageToGroup's <c>MessageId</c>, or SendLiveMessageUser's <c>MsgTid</c>.</param>
/// <param name="Attempts">Calls made, the successful one included.</param>
public sealed record Delivered(string RequestId, string? MessageId, int Attempts) : DeliveryOutcome(Attempts);
