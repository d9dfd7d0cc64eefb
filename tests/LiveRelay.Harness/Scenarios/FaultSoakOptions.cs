using LiveRelay.Emulator.Settings;

namespace LiveRelay.Harness.Scenarios;

/// <summary>The fault soak's settings: how long and how fast webhooks arrive, the faults the emulator injects, and when the host is killed.</summary>
internal sealed record FaultSoakOptions
{
    /// <summary>The full run (<c>./harness.sh</c>).</summary>
    public static FaultSoakOptions Full { get; } = new();

    /// <summary>The CI run: the same faults and a kill, in well under a minute.</summary>
    public static FaultSoakOptions Short { get; } = new()
    {
        Duration = TimeSpan.FromSeconds(14),
        WebhooksPerSecond = 12,
        KillAfter = TimeSpan.FromSeconds(6),
        MessageLease = TimeSpan.FromSeconds(6),
        SettleTimeout = TimeSpan.FromSeconds(75),
    };

    /// <summary>How long webhooks are posted.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(100);

    /// <summary>
    /// Webhooks started per second; each is one message (two group messages for every user message). Below what the
    /// host delivers under these faults (the injected throttling slows its pacing down), so the kill comes in a steady state.
    /// </summary>
    public double WebhooksPerSecond { get; init; } = 10;

    /// <summary>One webhook in this many is for an app the Live API does not know: refused for good, so parked in poison.</summary>
    public int UnknownAppEvery { get; init; } = 33;

    /// <summary>When the host gets SIGKILL, from the first webhook on. A new host process starts right after.</summary>
    public TimeSpan KillAfter { get; init; } = TimeSpan.FromSeconds(40);

    /// <summary>
    /// The queue processors' message lease (<c>LiveRelay:Queues:MessageLease</c>, 10 minutes by default, like the
    /// Functions runtime): what a killed host held comes back to the queue only when its lease runs out.
    /// </summary>
    public TimeSpan MessageLease { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>One Live API call's time limit (<c>LiveRelay:AlibabaCloud:Timeout</c>): what an injected timeout costs.</summary>
    public TimeSpan ApiTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long, after the last webhook, everything may take to be delivered or parked.</summary>
    public TimeSpan SettleTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The emulator's seeded faults: shares of authenticated calls.</summary>
    public FaultOptions Faults { get; init; } = new()
    {
        Seed = 20260408,
        ServerErrorShare = 0.04,
        ServiceUnavailableShare = 0.04,
        ThrottlingShare = 0.04,
        TimeoutShare = 0.02,
        DropShare = 0.04,
        ThrottlingRetryAfter = TimeSpan.FromSeconds(1),
    };

    public int Events => (int)Math.Round(Duration.TotalSeconds * WebhooksPerSecond);
}
