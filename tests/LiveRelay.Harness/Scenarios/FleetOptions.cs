using LiveRelay.Emulator.Settings;

namespace LiveRelay.Harness.Scenarios;

/// <summary>The fleet run's settings: the account limits the emulator enforces (and the hosts are told), the Live API's latency, and the cases.</summary>
internal sealed record FleetOptions
{
    /// <summary>The full run (<c>./harness.sh fleet</c>): issue 11's cases at the real limits.</summary>
    public static FleetOptions Full { get; } = new()
    {
        Cases =
        [
            new("one", "1 process", 1, TimeSpan.FromSeconds(60)),
            new("two", "2 processes", 2, TimeSpan.FromSeconds(60)),
            new("four", "4 processes", 4, TimeSpan.FromSeconds(60)),
            new("churn", "churn: 3 processes, SIGKILL one at 20 s, a new one at 40 s", 3, TimeSpan.FromSeconds(60))
            {
                KillAt = TimeSpan.FromSeconds(20),
                StartAt = TimeSpan.FromSeconds(40),
            },
            new("idle", "one busy, one idle", 1, TimeSpan.FromSeconds(30)) { IdleProcess = true },
            new("unreachable", "coordinator unreachable, 2 processes", 2, TimeSpan.FromSeconds(30)) { CoordinatorUnreachable = true },
            new("fanout-4", "fan-out of 10,000, 4 processes", 4, TimeSpan.Zero) { FanOut = 10_000 },
            new("fanout-1", "fan-out of 10,000, 1 process", 1, TimeSpan.Zero) { FanOut = 10_000 },
        ],
    };

    /// <summary>A smoke run (<c>./harness.sh fleet --short</c>): every kind of case, fewer seconds and processes.</summary>
    public static FleetOptions Short { get; } = new()
    {
        SettleTime = TimeSpan.FromSeconds(5),
        Cases =
        [
            new("one", "1 process", 1, TimeSpan.FromSeconds(15)),
            new("two", "2 processes", 2, TimeSpan.FromSeconds(15)),
            new("churn", "churn: 3 processes, SIGKILL one at 8 s, a new one at 20 s", 3, TimeSpan.FromSeconds(30))
            {
                KillAt = TimeSpan.FromSeconds(8),
                StartAt = TimeSpan.FromSeconds(20),
            },
            new("idle", "one busy, one idle", 1, TimeSpan.FromSeconds(15)) { IdleProcess = true },
            new("unreachable", "coordinator unreachable, 2 processes", 2, TimeSpan.FromSeconds(12)) { CoordinatorUnreachable = true },
            new("fanout-2", "fan-out of 1,000, 2 processes", 2, TimeSpan.Zero) { FanOut = 1_000 },
            new("fanout-1", "fan-out of 1,000, 1 process", 1, TimeSpan.Zero) { FanOut = 1_000 },
        ],
    };

    /// <summary>
    /// The CI test's run: two processes for 20 s at a fifth of the real limits, so that two hosts on a loaded 2-core
    /// machine can use their shares; it checks the mechanism (shares, their sum, nothing lost), never throughput.
    /// </summary>
    public static FleetOptions Ci { get; } = new()
    {
        WarmUp = TimeSpan.Zero,
        GroupLimit = 20,
        UserLimit = 10,
        SettleTime = TimeSpan.FromSeconds(5),
        Cases = [new("ci", "2 processes at 20/s and 10/s", 2, TimeSpan.FromSeconds(20))],
    };

    public IReadOnlyList<FleetCase> Cases { get; init; } = [];

    /// <summary>These options with only the cases named (all of them when <paramref name="names"/> is null); a name that is no case is an error.</summary>
    public FleetOptions Only(IReadOnlySet<string>? names)
    {
        if (names is null)
        {
            return this;
        }

        var unknown = names.Where(n => !Cases.Any(c => c.Name == n)).ToList();
        return unknown.Count == 0
            ? this with { Cases = [.. Cases.Where(c => names.Contains(c.Name))] }
            : throw new ArgumentException($"No fleet case is named {string.Join(", ", unknown)}; the cases are {string.Join(", ", Cases.Select(static c => c.Name))}.");
    }

    /// <summary>SendMessageToGroup's limit: the emulator enforces it and the hosts share it.</summary>
    public int GroupLimit { get; init; } = RateLimitOptions.DefaultSendMessageToGroup;

    /// <summary>SendLiveMessageUser's limit: the emulator enforces it and the hosts share it.</summary>
    public int UserLimit { get; init; } = RateLimitOptions.DefaultSendLiveMessageUser;

    /// <summary>The Live API's least answer time; each answer takes up to <see cref="LatencyJitter"/> more (200 ms ± 50 ms by default).</summary>
    public TimeSpan Latency { get; init; } = TimeSpan.FromMilliseconds(150);

    public TimeSpan LatencyJitter { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>While topping up, this many seconds of each limit wait to be delivered (on the queue or held by a host).</summary>
    public double TopUpSeconds { get; init; } = 8;

    /// <summary>
    /// The hosts' message lease (<c>LiveRelay:Queues:MessageLease</c>): what a killed host held comes back after it, so
    /// it must end well within a case for "no message lost" to be checked there.
    /// </summary>
    public TimeSpan MessageLease { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>The coordinator's share lease (<c>LiveRelay:Delivery:Fleet:LeaseDuration</c>, 8 s by default): a dead host's share is freed after it.</summary>
    public TimeSpan ShareLease { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>How long one process delivers, uncounted, before the first case (the harness's own JIT).</summary>
    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the first seconds of a window are left out of the steady-state figures (shares settle as hosts join).</summary>
    public TimeSpan SettleTime { get; init; } = TimeSpan.FromSeconds(10);
}
