namespace LiveRelay.Emulator.Settings;

/// <summary>
/// Faults injected on purpose (<c>Emulator:Faults</c>; at run time <c>GET/PUT /_emulator/faults</c>). Each share is the
/// fraction (0 to 1) of authenticated calls that get that fault; the shares together are at most 1.
/// </summary>
public sealed class FaultOptions
{
    /// <summary>Answered HTTP 500 <c>ServerError</c>; nothing recorded.</summary>
    public double ServerErrorShare { get; set; }

    /// <summary>Answered HTTP 503 <c>ServiceUnavailable</c>; nothing recorded.</summary>
    public double ServiceUnavailableShare { get; set; }

    /// <summary>Answered HTTP 400 <c>Throttling.User</c> with <c>x-acs-retry-after</c>; nothing recorded.</summary>
    public double ThrottlingShare { get; set; }

    /// <summary>Never answered: the emulator holds the request until the client gives up; nothing recorded.</summary>
    public double TimeoutShare { get; set; }

    /// <summary>The connection is dropped without an answer; nothing recorded.</summary>
    public double DropShare { get; set; }

    /// <summary>The message is accepted and recorded, then the connection is dropped: the caller cannot know it was delivered.</summary>
    public double LostAnswerShare { get; set; }

    /// <summary>Added before every Live API answer.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>A further random delay between zero and this, drawn from the seeded sequence.</summary>
    public TimeSpan LatencyJitter { get; set; }

    /// <summary>The <c>x-acs-retry-after</c> of injected throttling answers.</summary>
    public TimeSpan ThrottlingRetryAfter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Seeds the fault sequence: the same seed gives the same decisions in the same order. Unset: a random seed.</summary>
    public int? Seed { get; set; }

    public FaultOptions Clone() => (FaultOptions)MemberwiseClone();
}
