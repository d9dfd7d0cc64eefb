namespace LiveRelay.Tests.Delivery.Support;

/// <summary>How the test Live API answers one request.</summary>
internal sealed record ScriptedAnswer(int Status, string? Code = null, string? Message = null, int? RetryAfterMs = null, TimeSpan? Stall = null)
{
    public static ScriptedAnswer Success { get; } = new(200);

    public static ScriptedAnswer Error(int status, string code, int? retryAfterMs = null) =>
        new(status, code, $"Scripted {code}.", retryAfterMs);

    public static ScriptedAnswer InputInvalid { get; } = Error(400, "InputInvalid");

    public static ScriptedAnswer ServiceUnavailable { get; } = Error(503, "ServiceUnavailable");

    public static ScriptedAnswer NoAuth { get; } = Error(403, "NoAuth");

    public static ScriptedAnswer ThrottlingUser(int? retryAfterMs = null) => Error(400, "Throttling.User", retryAfterMs);

    /// <summary>Holds the request open (until the client gives up), then answers with success.</summary>
    public static ScriptedAnswer StallFor(TimeSpan stall) => new(200, Stall: stall);

    /// <summary>Answers the requests in order with <paramref name="answers"/>, then with success.</summary>
    public static Func<RecordedCall, ScriptedAnswer> Sequence(params ScriptedAnswer[] answers) =>
        call => call.Index < answers.Length ? answers[call.Index] : Success;

    public static Func<RecordedCall, ScriptedAnswer> Always(ScriptedAnswer answer) => _ => answer;
}
