namespace LiveRelay.Emulator.Faults;

/// <summary>The fault (if any) and the added delay for one call.</summary>
public readonly record struct FaultDecision(FaultKind Kind, TimeSpan Delay);
