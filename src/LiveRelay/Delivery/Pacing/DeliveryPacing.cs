using System.Diagnostics.Metrics;
using LiveRelay.AlibabaCloud.Messaging;
using LiveRelay.Delivery.Telemetry;
using LiveRelay.Messages;
using Microsoft.Extensions.Options;

namespace LiveRelay.Delivery.Pacing;

/// <summary>
/// This instance's pacing, one limiter per Live API operation, each at <c>limit / InstanceCount</c> and
/// adapted to throttling. One per process: every sender shares it.
/// </summary>
public sealed class DeliveryPacing : IDisposable
{
    public DeliveryPacing(IOptions<DeliveryOptions> options, TimeProvider timeProvider, DeliveryMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var settings = options.Value;
        SendMessageToGroup = Create(settings, MessageKind.Group, timeProvider);
        SendLiveMessageUser = Create(settings, MessageKind.User, timeProvider);
        metrics?.ObserveRates(() =>
        [
            new Measurement<double>(SendMessageToGroup.Rate.CurrentRate, new KeyValuePair<string, object?>(DeliveryMetrics.OperationTag, LiveApiActions.SendMessageToGroup)),
            new Measurement<double>(SendLiveMessageUser.Rate.CurrentRate, new KeyValuePair<string, object?>(DeliveryMetrics.OperationTag, LiveApiActions.SendLiveMessageUser)),
        ]);
    }

    public PacingRateLimiter SendMessageToGroup { get; }

    public PacingRateLimiter SendLiveMessageUser { get; }

    public PacingRateLimiter For(MessageKind kind) => kind == MessageKind.Group ? SendMessageToGroup : SendLiveMessageUser;

    public void Dispose()
    {
        SendMessageToGroup.Dispose();
        SendLiveMessageUser.Dispose();
    }

    private static PacingRateLimiter Create(DeliveryOptions settings, MessageKind kind, TimeProvider timeProvider)
    {
        var rate = settings.RatePerInstance(kind);
        var controller = new AdaptiveRateController(
            rate,
            rate * settings.MinimumRateFraction,
            settings.ThrottleDecreaseFactor,
            rate * settings.RateRecoveryPerSecond,
            timeProvider);
        return new PacingRateLimiter(controller, settings.MaxRetryDuration, timeProvider);
    }
}
