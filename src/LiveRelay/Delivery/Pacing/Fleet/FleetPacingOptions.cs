namespace LiveRelay.Delivery.Pacing.Fleet;

/// <summary>
/// Settings under <c>LiveRelay:Delivery:Fleet</c>: how the account's limits are shared among every sending process
/// (each instance of each function group, and standalone hosts) through leased shares.
/// </summary>
public sealed class FleetPacingOptions
{
    public const string SectionName = "LiveRelay:Delivery:Fleet";

    /// <summary>Where the shares are kept.</summary>
    public FleetCoordinatorKind Coordinator { get; set; } = FleetCoordinatorKind.Auto;

    /// <summary>The table in the app's storage account that holds the shares (one row per Live API operation).</summary>
    public string TableName { get; set; } = "liverelaypacing";

    /// <summary>
    /// How long a share lasts without renewal. Other processes take back the share of one that stopped renewing (a crash,
    /// a scale-in) after this; the holder itself stops using it after half of it, so clocks may differ by up to half.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>How often a process with messages to send (or a share to give back) renews its share and learns the others' demand.</summary>
    public TimeSpan RenewInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How many processes may be sending at most, when the coordinator cannot be reached: each then paces at
    /// <c>limit / FallbackSenderCount</c>, a share that stays under the limit however many processes are cut off.
    /// </summary>
    public int FallbackSenderCount { get; set; } = 40;

    /// <summary>
    /// The longest a message waits in a process for a pacing turn. One whose turn is further away is handed back to its
    /// queue with a visibility delay (re-enqueued, so it does not use up a dequeue attempt): a process holds no more than
    /// its share can send in this time, and is not billed for waiting longer.
    /// </summary>
    public TimeSpan MaxPacingWait { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a process keeps its share after its last message was sent, so a steady trickle does not renegotiate every time.</summary>
    public TimeSpan IdleRelease { get; set; } = TimeSpan.FromSeconds(2);
}
