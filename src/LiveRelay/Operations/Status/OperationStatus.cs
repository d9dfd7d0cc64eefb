namespace LiveRelay.Operations.Status;

/// <summary>One Live API operation in this process.</summary>
/// <param name="Name">The Live API action.</param>
/// <param name="Limit">The account's limit in calls per second (<c>LiveRelay:Delivery</c>), shared by every sending process.</param>
/// <param name="Share">This process's share of <paramref name="Limit"/> now, in calls per second.</param>
/// <param name="PacedRate">The rate this process paces at now: its share, lowered after throttling.</param>
/// <param name="Demand">Messages this process is sending now (waiting for a turn, in a call or between retries).</param>
/// <param name="Fleet">How the limit is shared.</param>
/// <param name="CallsPerSecond">Calls this process made in each of the last 60 whole seconds, oldest first, ending the second before <see cref="OperationsStatus.GeneratedAt"/>.</param>
/// <param name="TotalCalls">Calls since this process started.</param>
public sealed record OperationStatus(
    string Name,
    double Limit,
    double Share,
    double PacedRate,
    int Demand,
    FleetStatus Fleet,
    IReadOnlyList<int> CallsPerSecond,
    long TotalCalls);
