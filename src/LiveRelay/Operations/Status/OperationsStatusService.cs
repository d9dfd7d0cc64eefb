using LiveRelay.Delivery.Pacing;
using LiveRelay.Delivery.Pacing.Fleet;
using LiveRelay.Messages;
using LiveRelay.Queues;

namespace LiveRelay.Operations.Status;

/// <summary>Takes the <see cref="OperationsStatus"/> snapshot: pacing and activity from memory, backlogs from the queue service.</summary>
public sealed class OperationsStatusService
{
    /// <summary>The queues whose backlog the page shows, each followed by its poison queue.</summary>
    public static IReadOnlyList<string> Queues { get; } =
    [
        QueueNames.LiveEvents, QueueNames.PoisonQueueFor(QueueNames.LiveEvents),
        QueueNames.LiveMessages, QueueNames.PoisonQueueFor(QueueNames.LiveMessages),
    ];

    // A page polls every second: a queue service that hangs must not hold each poll for the SDK's whole timeout.
    private static readonly TimeSpan CountTimeout = TimeSpan.FromSeconds(3);

    private readonly DeliveryActivity _activity;
    private readonly DeliveryPacing _pacing;
    private readonly IMessageQueueFactory _queues;
    private readonly TimeProvider _time;
    private readonly FleetPacingCoordinator? _coordinator;

    /// <param name="coordinator">Null when this process alone has each limit (no fleet coordinator configured).</param>
    public OperationsStatusService(
        DeliveryActivity activity, DeliveryPacing pacing, IMessageQueueFactory queues, TimeProvider timeProvider, FleetPacingCoordinator? coordinator = null)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(pacing);
        ArgumentNullException.ThrowIfNull(queues);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _activity = activity;
        _pacing = pacing;
        _queues = queues;
        _time = timeProvider;
        _coordinator = coordinator;
    }

    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<OperationsStatus> GetAsync(CancellationToken cancellationToken = default)
    {
        var backlogs = Task.WhenAll(Queues.Select(name => CountAsync(name, cancellationToken)));
        var now = _time.GetUtcNow();
        OperationStatus[] operations =
        [
            Describe(_pacing.SendMessageToGroup, MessageKind.Group, now),
            Describe(_pacing.SendLiveMessageUser, MessageKind.User, now),
        ];
        var totals = _activity.Totals();
        var deliveries = _activity.RecentDeliveries();
        var failures = _activity.RecentFailures();
        return new OperationsStatus(now, operations, await backlogs.ConfigureAwait(false), totals, deliveries, failures);
    }

    private OperationStatus Describe(OperationPacing pacing, MessageKind kind, DateTimeOffset now)
    {
        var fleet = FleetStatus.Alone;
        if (_coordinator is not null)
        {
            var (senders, onFallback) = _coordinator.Describe(pacing.Operation);
            fleet = new FleetStatus(_coordinator.StoreDescription, senders, onFallback);
        }

        return new OperationStatus(
            pacing.Operation,
            pacing.Limit,
            pacing.Share,
            pacing.Rate.CurrentRate,
            pacing.Demand,
            fleet,
            _activity.CallsPerSecond(kind, now),
            _activity.TotalCalls(kind));
    }

    private async Task<QueueBacklog> CountAsync(string name, CancellationToken cancellationToken)
    {
        var poison = name.EndsWith(QueueNames.PoisonSuffix, StringComparison.Ordinal);
        using var timeout = new CancellationTokenSource(CountTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            return new QueueBacklog(name, poison, await _queues.GetQueue(name).GetApproximateCountAsync(linked.Token).ConfigureAwait(false));
        }
        catch (MessageQueueException ex) when (ex.ErrorCode == QueueErrorCodes.QueueNotFound)
        {
            return new QueueBacklog(name, poison, 0);
        }
        catch (MessageQueueException ex)
        {
            return new QueueBacklog(name, poison, null, ex.ErrorCode);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new QueueBacklog(name, poison, null, QueueErrorCodes.Timeout);
        }
    }
}
