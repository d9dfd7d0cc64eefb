namespace LiveRelay.Delivery.Pacing.Fleet;

/// <summary>Where the fleet's shares of the account limits are kept.</summary>
public enum FleetCoordinatorKind
{
    /// <summary>In Azure Table Storage when <c>AzureWebJobsStorage</c> is set; otherwise in this process.</summary>
    Auto,

    /// <summary>In Azure Table Storage, reached through <c>AzureWebJobsStorage</c>: every sending process shares it.</summary>
    Table,

    /// <summary>In this process: it is the only sender, so it gets the whole limit.</summary>
    InProcess,
}
