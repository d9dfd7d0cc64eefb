namespace LiveRelay.Delivery.Ledger;

/// <summary>
/// The message ids the Live API has accepted, kept for <see cref="DeliveryLedgerOptions.Retention"/>. The dispatcher
/// checks it before a call and records an id after the API accepted it, so a replayed, redelivered or re-queued message
/// is completed without a second call. The one duplicate left is a crash between the API's answer and the record.
/// </summary>
public interface IDeliveryLedger
{
    /// <summary>Whether the id was recorded within the retention window.</summary>
    ValueTask<bool> WasDeliveredAsync(string messageId, CancellationToken cancellationToken = default);

    /// <summary>Records that the API accepted the message.</summary>
    ValueTask RecordAsync(string messageId, CancellationToken cancellationToken = default);
}
