namespace LiveRelay.Delivery.Dispatch;

/// <summary>What became of one envelope of a direct delivery.</summary>
public sealed record EnvelopeOutcome(string EnvelopeId, DeliveryOutcome Outcome);
