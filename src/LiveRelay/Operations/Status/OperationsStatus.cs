namespace LiveRelay.Operations.Status;

/// <summary>What <c>GET /api/manage/status</c> answers (camelCase JSON): this process's view of delivery right now.</summary>
/// <param name="GeneratedAt">When the snapshot was taken.</param>
/// <param name="Operations">Each Live API operation's calls per second against its limit and this process's share.</param>
/// <param name="Queues">Backlogs of the work and poison queues.</param>
/// <param name="Totals">Counts since this process started.</param>
/// <param name="RecentDeliveries">The last deliveries, newest first.</param>
/// <param name="RecentFailures">The last failed sends (retried or rejected), newest first.</param>
public sealed record OperationsStatus(
    DateTimeOffset GeneratedAt,
    IReadOnlyList<OperationStatus> Operations,
    IReadOnlyList<QueueBacklog> Queues,
    DeliveryTotals Totals,
    IReadOnlyList<DeliveryRecord> RecentDeliveries,
    IReadOnlyList<DeliveryRecord> RecentFailures);
