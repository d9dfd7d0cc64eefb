namespace LiveRelay.Operations.Status;

/// <summary>Counts since this process started.</summary>
/// <param name="Calls">Live API calls, every try included.</param>
/// <param name="Delivered">Messages the API accepted (or the ledger knew were accepted already).</param>
/// <param name="Retries">Sends that ended undelivered but worth trying again: the queue hands the message back.</param>
/// <param name="Rejected">Messages refused for good: parked in the poison queue with the reason.</param>
public sealed record DeliveryTotals(long Calls, long Delivered, long Retries, long Rejected);
