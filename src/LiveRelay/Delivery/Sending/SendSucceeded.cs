namespace LiveRelay.Delivery.Sending;

/// <summary>The Live API accepted the message.</summary>
/// <param name="RequestId">The API's RequestId for the call that succeeded.</param>
/// <param name="MessageId">SendMessageToGroup's <c>MessageId</c>, or SendLiveMessageUser's <c>MsgTid</c>.</param>
/// <param name="Attempts">Calls made, the successful one included.</param>
public sealed record SendSucceeded(string RequestId, string? MessageId, int Attempts) : SendResult(Attempts);
