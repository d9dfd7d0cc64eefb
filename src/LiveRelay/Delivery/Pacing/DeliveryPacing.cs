using System.Diagnostics.Metrics;
using LiveRelay.AlibabaCloud.Messaging;
using LiveRelay.Delivery.Telemetry;
using LiveRelay.Messages;
using Microsoft.Extensions.Options;

namespace LiveRelay.Delivery.Pacing;

/// <summary>
/// This process's pacing, one <see cref="OperationPacing"/> per Live API operation, each at this process's share of the
/// account limit and adapted to throttling. One per process: every sender shares it. A lone process starts with the
/// whole limit; one that shares the limit with a fleet starts with none and is given its share by the coordinator.
/// </summary>
public sealed class DeliveryPacing : IDisposable
{
    public DeliveryPacing(IOptions<DeliveryOptions> options, TimeProvider timeProvider, DeliveryMetrics? metrics = null)
        : this(options, timeProvider, metrics, startWithoutShare: false)
    {
    }

    /// <param name="startWithoutShare">True when a fleet coordinator hands out the shares: nothing is sent before it does.</param>
    public DeliveryPacing(IOptions<DeliveryOptions> options, TimeProvider timeProvider, DeliveryMetrics? metrics, bool startWithoutShare)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var settings = options.Value;
        SendMessageToGroup = Create(settings, LiveApiActions.SendMessageToGroup, settings.SendMessageToGroup, timeProvider);
        SendLiveMessageUser = Create(settings, LiveApiActions.SendLiveMessageUser, settings.SendLiveMessageUser, timeProvider);
        Operations = [SendMessageToGroup, SendLiveMessageUser];
        if (startWithoutShare)
        {
            foreach (var operation in Operations)
            {
                operation.SetShare(0);
            }
        }

        metrics?.ObservePacing(Operations);
    }

    public OperationPacing SendMessageToGroup { get; }

    public OperationPacing SendLiveMessageUser { get; }

    public IReadOnlyList<OperationPacing> Operations { get; }

    /// <summary>
    /// The most messages worth holding at once: what the shares can send within <paramref name="maxPacingWait"/> (at
    /// least one). Messages beyond that would only be handed back to the queue, each a receive, an enqueue and a delete
    /// spent for nothing, and on Flex Consumption billed while they wait. Null (no limit but the queue's batch settings)
    /// while this process holds no share of either operation and is not on the fallback share: its first share is
    /// not known yet, and the messages it holds are what tells the coordinator it has something to send.
    /// </summary>
    public int? HoldLimit(TimeSpan maxPacingWait)
    {
        var onFallback = false;
        var perWait = 0.0;
        foreach (var operation in Operations)
        {
            onFallback |= operation.OnFallback;
            perWait += operation.Share * maxPacingWait.TotalSeconds;
        }

        return perWait > 0 || onFallback ? (int)Math.Clamp(Math.Ceiling(perWait), 1, int.MaxValue) : null;
    }

    public OperationPacing For(MessageKind kind) => kind == MessageKind.Group ? SendMessageToGroup : SendLiveMessageUser;

    public void Dispose()
    {
        SendMessageToGroup.Dispose();
        SendLiveMessageUser.Dispose();
    }

    private static OperationPacing Create(DeliveryOptions settings, string operation, double limit, TimeProvider timeProvider)
    {
        var controller = new AdaptiveRateController(
            limit,
            limit * settings.MinimumRateFraction,
            settings.ThrottleDecreaseFactor,
            limit * settings.RateRecoveryPerSecond,
            timeProvider);
        var limiter = new PacingRateLimiter(controller, settings.MaxRetryDuration, timeProvider);
        return new OperationPacing(operation, limit, controller, limiter, timeProvider);
    }
}
