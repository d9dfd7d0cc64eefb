namespace LiveRelay.Operations.Poison;

/// <summary>What became of one message a replay took.</summary>
/// <param name="Outcome"><see cref="Replayed"/> or <see cref="Failed"/>.</param>
/// <param name="NewId">Its id on the original queue, once replayed.</param>
/// <param name="Error">Why it failed; or, for a replayed message, that it could not be removed from the poison queue.</param>
public sealed record PoisonReplayResult(string Id, string OriginalQueue, string Outcome, string? NewId = null, string? Error = null)
{
    public const string Replayed = "replayed";

    public const string Failed = "failed";
}
