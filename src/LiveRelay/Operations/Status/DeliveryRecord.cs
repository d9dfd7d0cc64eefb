namespace LiveRelay.Operations.Status;

/// <summary>One delivery or failed try, as the operations page lists it.</summary>
/// <param name="Sequence">Counts up from 1 per list (deliveries, failures) in this process: newer is higher.</param>
/// <param name="At">When the outcome was known.</param>
/// <param name="Operation">The Live API action, or <c>unknown</c> for a queue message that was not a readable envelope.</param>
/// <param name="Outcome"><c>delivered</c>, <c>retry</c> (handed back to be tried again) or <c>rejected</c> (parked for good).</param>
/// <param name="MessageId">The envelope's id (a user message's <c>MsgTid</c> unless its mapping set one).</param>
/// <param name="EventId">The event the message came from.</param>
/// <param name="Source">The webhook source, or <c>api</c>.</param>
/// <param name="AppId">The Live app.</param>
/// <param name="Target">The group (SendMessageToGroup) or receiver (SendLiveMessageUser).</param>
/// <param name="Attempts">Live API calls made for it by this send; 0 when none was needed or possible.</param>
/// <param name="RequestId">The API's RequestId of the delivering call.</param>
/// <param name="Code">Why it failed, as a code: the API's, or one of LiveRelay's such as <c>InvalidEnvelope</c>.</param>
/// <param name="Reason">Why it failed, in words.</param>
public sealed record DeliveryRecord(
    long Sequence,
    DateTimeOffset At,
    string Operation,
    string Outcome,
    string? MessageId,
    string? EventId,
    string? Source,
    string? AppId,
    string? Target,
    int Attempts,
    string? RequestId = null,
    string? Code = null,
    string? Reason = null);
