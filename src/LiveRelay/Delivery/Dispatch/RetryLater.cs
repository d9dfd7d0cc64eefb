namespace LiveRelay.Delivery.Dispatch;

/// <summary>
/// Not delivered yet, and worth trying again: throttling, 5xx, timeouts, network or credential trouble that
/// outlasted the sender's own retries. The queue should redeliver the message after <see cref="Delay"/>.
/// </summary>
/// <param name="Delay">How long to wait before the next try.</param>
/// <param name="Reason">The last failure, <c>"Code: message"</c>.</param>
/// <param name="Code">The last failure's code.</param>
/// <param name="Attempts">Calls made.</param>
/// <param name="Deferred">
/// True when the message was not sent at all because its pacing turn was too far away: a queue hands it back without
/// counting an attempt (re-enqueued with <see cref="Delay"/>), so pacing alone never parks a message.
/// </param>
public sealed record RetryLater(TimeSpan Delay, string Reason, string Code, int Attempts, bool Deferred = false) : DeliveryOutcome(Attempts);
