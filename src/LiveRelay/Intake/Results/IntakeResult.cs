namespace LiveRelay.Intake.Results;

/// <summary>
/// What intake made of one incoming request: <see cref="IntakeAccepted"/> (message envelopes to deliver),
/// <see cref="IntakeIgnored"/> (acknowledged, filtered out), <see cref="IntakeHandshake"/> (a validation answer to return),
/// or <see cref="IntakeRejected"/> (a 4xx/5xx problem). <see cref="Http.IntakeHttpMapper"/> turns each into the HTTP answer.
/// </summary>
public abstract record IntakeResult
{
    private protected IntakeResult()
    {
    }

    /// <summary>The source the request was for (<c>api</c> for normalized requests).</summary>
    public required string Source { get; init; }
}
