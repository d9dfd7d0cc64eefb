namespace LiveRelay.Harness.Cost;

/// <summary>How long and how much the cost run measures.</summary>
internal sealed record CostOptions
{
    /// <summary>The default run: about 6 minutes per repeat on a 2-core machine.</summary>
    public static CostOptions Full { get; } = new();

    /// <summary>The CI version: every subject and figure once, on tiny windows and one small backlog.</summary>
    public static CostOptions Short { get; } = new()
    {
        WarmUp = TimeSpan.FromSeconds(1),
        IntakeWindow = TimeSpan.FromSeconds(2),
        WarmUpLimit = TimeSpan.FromSeconds(1),
        DeliveryWarmUp = TimeSpan.FromSeconds(1),
        DeliveryWindow = TimeSpan.FromSeconds(2),
        Backlogs = [300],
        Concurrency = 8,
        PacedIntakeRate = 500,
    };

    /// <summary>Requests in flight at once (closed loop) for the intake figures, against every subject alike.</summary>
    public int Concurrency { get; init; } = 32;

    /// <summary>
    /// Webhooks a second in the paced intake window, offered to every subject alike (open loop, at most
    /// <see cref="Concurrency"/> in flight): what a webhook costs at a load every subject keeps up with, where the
    /// closed loop gives each subject a different load.
    /// </summary>
    public int PacedIntakeRate { get; init; } = 5_000;

    /// <summary>Load before an intake window, so the figures are warm (JIT done, pools filled): at least this long.</summary>
    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The longest warm-up (intake and delivery): after its least, a warm-up goes on in steps of <see cref="WarmUpStep"/>
    /// until the JIT has settled. Five seconds left LiveRelay's JIT busy for about a third of the intake window (tier-1
    /// recompilation under load), which the per-webhook figure then carried as if it were the cost of every webhook.
    /// </summary>
    public TimeSpan WarmUpLimit { get; init; } = TimeSpan.FromSeconds(60);

    public TimeSpan WarmUpStep { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The JIT counts as settled once it spent at most this share of a warm-up step's wall time compiling.</summary>
    public double SettledJitShare { get; init; } = 0.02;

    public TimeSpan IntakeWindow { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Delivery before a delivery window, once the backlog is in place: at least this long (then as <see cref="WarmUpLimit"/> says).</summary>
    public TimeSpan DeliveryWarmUp { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan DeliveryWindow { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Messages waiting on the queue when delivery is measured: the cost must not grow with them.</summary>
    public IReadOnlyList<int> Backlogs { get; init; } = [1_000, 40_000, 200_000];

    /// <summary>How many times each measurement is made; the report gives the minimum and the median.</summary>
    public int Repeats { get; init; } = 1;
}
