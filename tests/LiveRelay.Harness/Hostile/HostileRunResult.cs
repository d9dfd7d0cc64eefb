namespace LiveRelay.Harness.Hostile;

/// <summary>The whole corpus's results, and what the host did across all of it.</summary>
/// <param name="MessagesQueued">Messages the host put on live-messages during the run: must be 0.</param>
/// <param name="ApiCalls">Calls the Live API emulator received during the run: must be 0.</param>
internal sealed record HostileRunResult(IReadOnlyList<HostileCaseResult> Cases, int MessagesQueued, long ApiCalls, TimeSpan Elapsed)
{
    public int Passed => Cases.Count(static c => c.Passed);

    public int Failed => Cases.Count - Passed;

    public bool AllPassed => Failed == 0 && MessagesQueued == 0 && ApiCalls == 0;
}
