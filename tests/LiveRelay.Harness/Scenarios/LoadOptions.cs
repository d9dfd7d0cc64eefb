namespace LiveRelay.Harness.Scenarios;

/// <summary>How hard and how long the load run pushes.</summary>
internal sealed record LoadOptions
{
    /// <summary>Requests in flight at once (closed loop), against the baseline and the host alike.</summary>
    public int Concurrency { get; init; } = 32;

    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>A cap on measured webhooks, so that delivering their messages at the API limits stays short.</summary>
    public long MaxRequests { get; init; } = 9_000;

    /// <summary>How long to wait for every accepted message to be delivered.</summary>
    public TimeSpan DeliveryTimeout { get; init; } = TimeSpan.FromMinutes(3);
}
