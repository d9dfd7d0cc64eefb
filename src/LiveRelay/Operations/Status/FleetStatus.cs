namespace LiveRelay.Operations.Status;

/// <summary>How this process shares an operation's limit with the other sending processes.</summary>
/// <param name="Coordinator">Where the shares are kept (e.g. the table's name), or <c>none</c> when this process alone has the limit.</param>
/// <param name="Senders">Processes holding a share, as this process last saw them; null without a coordinator.</param>
/// <param name="OnFallback">True while the coordinator cannot be reached and this process paces at its fallback share.</param>
public sealed record FleetStatus(string Coordinator, int? Senders, bool OnFallback)
{
    public const string NoCoordinator = "none";

    /// <summary>A lone process: the whole limit is its own.</summary>
    public static FleetStatus Alone { get; } = new(NoCoordinator, null, false);
}
