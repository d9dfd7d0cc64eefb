namespace LiveRelay.Operations.Poison;

/// <summary>Which parked messages an operation is about: a code (exact, any case) and words in the reason (any case). Null matches all.</summary>
public sealed record PoisonFilter(string? Reason = null, string? Code = null)
{
    public static PoisonFilter All { get; } = new();

    public bool Matches(ParkedMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return (string.IsNullOrEmpty(Code) || string.Equals(message.Code, Code, StringComparison.OrdinalIgnoreCase))
            && (string.IsNullOrEmpty(Reason) || message.Reason.Contains(Reason, StringComparison.OrdinalIgnoreCase));
    }
}
