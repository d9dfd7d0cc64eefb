namespace LiveRelay.Intake.Mapping;

/// <summary>One API parameter: its name as the API spells it, its type, and whether a request needs it.</summary>
internal sealed record LiveParameter(LiveParameterId Id, LiveParameterType Type, bool Required)
{
    public string Name => Id.ToString();

    /// <summary>The camelCase name used in normalized requests (<c>/api/messages</c>) and in envelopes.</summary>
    public string JsonName { get; } = char.ToLowerInvariant(Id.ToString()[0]) + Id.ToString()[1..];
}
