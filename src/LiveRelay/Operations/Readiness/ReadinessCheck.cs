namespace LiveRelay.Operations.Readiness;

/// <summary>One named check and why it is in its state, in words that never carry a secret.</summary>
public sealed record ReadinessCheck(string Name, ReadinessState State, string Reason);
