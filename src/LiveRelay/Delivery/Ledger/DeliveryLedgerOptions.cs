namespace LiveRelay.Delivery.Ledger;

/// <summary>Settings under <c>LiveRelay:Delivery:Ledger</c>.</summary>
public sealed class DeliveryLedgerOptions
{
    public const string SectionName = "LiveRelay:Delivery:Ledger";

    /// <summary>The table in the app's storage account (<c>AzureWebJobsStorage</c>).</summary>
    public const string TableName = "deliveryledger";

    /// <summary>
    /// How long a delivered id is remembered: at least this long, at most twice. A replay or redelivery later than this is
    /// sent again. Default 24 hours, longer than any queue retry or signature tolerance.
    /// </summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);
}
