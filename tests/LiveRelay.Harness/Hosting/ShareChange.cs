namespace LiveRelay.Harness.Hosting;

/// <summary>A host's log line "Fleet pacing {Operation}: share {Share}/s of {Limit}/s, {Holders} senders": its new share of one operation's limit.</summary>
/// <param name="At">The line's own timestamp (UTC, to the millisecond).</param>
internal sealed record ShareChange(DateTimeOffset At, string Operation, double Share, double Limit, int Holders);
