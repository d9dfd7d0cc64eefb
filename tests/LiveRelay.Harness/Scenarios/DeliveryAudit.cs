namespace LiveRelay.Harness.Scenarios;

/// <summary>
/// Every accepted message accounted for: delivered (the emulator accepted it, perhaps more than once), parked in a
/// poison queue (with its reason), or lost (neither).
/// </summary>
internal sealed record DeliveryAudit(
    int Accepted,
    int Delivered,
    int DeliveredCalls,
    IReadOnlyDictionary<string, int> Duplicates,
    int Poisoned,
    IReadOnlyDictionary<string, int> PoisonedByCode,
    IReadOnlyDictionary<string, string> ReasonByCode,
    int ParkedWithoutReason,
    int DeliveredAndPoisoned,
    IReadOnlyList<string> Lost,
    int UnknownDeliveries,
    IReadOnlyDictionary<string, DateTimeOffset> SettledAt)
{
    public int DuplicateDeliveries => Duplicates.Values.Sum(static n => n - 1);

    public bool IsSettled => Lost.Count == 0;
}
