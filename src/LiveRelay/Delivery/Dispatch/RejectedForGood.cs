namespace LiveRelay.Delivery.Dispatch;

/// <summary>
/// Can never be delivered as it is: the API refused the request (<c>InputInvalid</c>, <c>ResourceNotExist</c>, ...),
/// the request breaks a documented limit, or the queue message is not a readable envelope. The queue should
/// move it to the poison queue at once, without using up retries.
/// </summary>
/// <param name="Code">Why, as a code: the API's, or <c>InvalidRequest</c> / <c>InvalidEnvelope</c>.</param>
/// <param name="Message">Why, in words.</param>
/// <param name="Attempts">Calls made (0 when nothing was sent).</param>
public sealed record RejectedForGood(string Code, string Message, int Attempts) : DeliveryOutcome(Attempts)
{
    public const string InvalidEnvelope = nameof(InvalidEnvelope);

    /// <summary>The reason to record with the poisoned message.</summary>
    public string Reason => $"{Code}: {Message}";
}
