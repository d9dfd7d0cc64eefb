namespace LiveRelay.Harness.Scenarios;

/// <summary>One case of the fleet run: how many host processes share the queue and the coordinator, for how long, and what happens to them.</summary>
/// <param name="Name">Short name, also in file names.</param>
/// <param name="Processes">Host processes started together at the beginning.</param>
/// <param name="Duration">How long the queue is kept topped up (the measured window), from when every host is ready.</param>
internal sealed record FleetCase(string Name, string Title, int Processes, TimeSpan Duration)
{
    /// <summary>When the second host gets SIGKILL, from the start of the window.</summary>
    public TimeSpan? KillAt { get; init; }

    /// <summary>When one more host starts, from the start of the window.</summary>
    public TimeSpan? StartAt { get; init; }

    /// <summary>One more host that shares the coordinator but reads its queues from an empty Azurite: a sender with no demand.</summary>
    public bool IdleProcess { get; init; }

    /// <summary>The hosts' table endpoint is a closed loopback port (queues stay on Azurite): no coordinator to reach.</summary>
    public bool CoordinatorUnreachable { get; init; }

    /// <summary>Instead of topping up: this many user messages enqueued at once, and the time until all are delivered.</summary>
    public int? FanOut { get; init; }
}
