namespace LiveRelay.Delivery.Dispatch;

/// <summary>The outcome of every envelope of a direct delivery, in the order they were given.</summary>
public sealed record DirectDeliveryReport(IReadOnlyList<EnvelopeOutcome> Outcomes)
{
    public bool AllDelivered => Outcomes.All(static o => o.Outcome is Delivered);

    public int DeliveredCount => Outcomes.Count(static o => o.Outcome is Delivered);

    public int RetryLaterCount => Outcomes.Count(static o => o.Outcome is RetryLater);

    public int RejectedForGoodCount => Outcomes.Count(static o => o.Outcome is RejectedForGood);
}
