namespace LiveRelay.Intake.Results;

/// <summary>
/// A subscription validation request, answered as is: the Azure Event Grid validation event (a JSON body with the
/// validation code) or the CloudEvents webhook abuse-protection OPTIONS request (<c>WebHook-Allowed-Origin</c>).
/// </summary>
public sealed record IntakeHandshake : IntakeResult
{
    /// <summary>The JSON body to answer with, if any.</summary>
    public string? Body { get; init; }

    /// <summary>Headers to add to the answer.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
}
