namespace LiveRelay.Emulator.Faults;

/// <summary>What goes wrong with one call on purpose.</summary>
public enum FaultKind
{
    None,
    ServerError,
    ServiceUnavailable,
    Throttling,
    Timeout,
    Drop,
    LostAnswer,
}
