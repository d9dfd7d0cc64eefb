using LiveRelay.AlibabaCloud.Messaging;
using LiveRelay.Delivery.Dispatch;
using LiveRelay.Delivery.Telemetry;
using LiveRelay.Messages;

namespace LiveRelay.Operations.Status;

/// <summary>
/// What this process's deliveries did lately, for the operations page: Live API calls per operation in each of the last
/// <see cref="SecondsKept"/> seconds, and the last <see cref="RecentCapacity"/> deliveries and failures with their ids and
/// reasons. It sits on every message's path, so a record is O(1), takes no lock and allocates only its entry.
/// </summary>
public sealed class DeliveryActivity
{
    public const int SecondsKept = 60;
    public const int RecentCapacity = 50;

    public const string DeliveredOutcome = "delivered";
    public const string RetryOutcome = "retry";
    public const string RejectedOutcome = "rejected";

    private readonly TimeProvider _time;
    private readonly CallCounter _groupCalls = new();
    private readonly CallCounter _userCalls = new();
    private readonly ActivityRing _deliveries = new(RecentCapacity);
    private readonly ActivityRing _failures = new(RecentCapacity);
    private long _retries;
    private long _rejections;

    public DeliveryActivity(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _time = timeProvider;
    }

    /// <summary>One Live API call is being made (every try counts: the limit is on calls, not messages).</summary>
    public void RecordCall(MessageKind kind) =>
        (kind == MessageKind.Group ? _groupCalls : _userCalls).Increment(_time.GetUtcNow().ToUnixTimeSeconds());

    /// <summary>
    /// What became of one envelope. A message handed back unsent because its pacing turn was far away is not a
    /// failure and is not listed.
    /// </summary>
    public void RecordOutcome(MessageEnvelope envelope, DeliveryOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(outcome);
        var (appId, target) = envelope.Message switch
        {
            GroupLiveMessage group => (group.Request.AppId, group.Request.GroupId),
            UserLiveMessage user => (user.Request.AppId, user.Request.ReceiverId),
            _ => (null, null),
        };
        var operation = envelope.Kind == MessageKind.Group ? LiveApiActions.SendMessageToGroup : LiveApiActions.SendLiveMessageUser;
        switch (outcome)
        {
            case Delivered delivered:
                _deliveries.Add(new DeliveryRecord(
                    _deliveries.Next(), _time.GetUtcNow(), operation, DeliveredOutcome, envelope.Id, envelope.EventId, envelope.Source, appId, target,
                    delivered.Attempts, RequestId: string.IsNullOrEmpty(delivered.RequestId) ? null : delivered.RequestId));
                break;
            case RetryLater { Deferred: true }:
                break;
            case RetryLater retry:
                Interlocked.Increment(ref _retries);
                _failures.Add(new DeliveryRecord(
                    _failures.Next(), _time.GetUtcNow(), operation, RetryOutcome, envelope.Id, envelope.EventId, envelope.Source, appId, target,
                    retry.Attempts, Code: retry.Code, Reason: retry.Reason));
                break;
            case RejectedForGood rejected:
                Interlocked.Increment(ref _rejections);
                _failures.Add(new DeliveryRecord(
                    _failures.Next(), _time.GetUtcNow(), operation, RejectedOutcome, envelope.Id, envelope.EventId, envelope.Source, appId, target,
                    rejected.Attempts, Code: rejected.Code, Reason: rejected.Message));
                break;
        }
    }

    /// <summary>A queue message that is not a readable envelope: rejected for good, with no ids to show.</summary>
    public void RecordUnreadable(string reason)
    {
        Interlocked.Increment(ref _rejections);
        _failures.Add(new DeliveryRecord(
            _failures.Next(), _time.GetUtcNow(), DeliveryMetrics.UnknownOperation, RejectedOutcome, null, null, null, null, null, 0,
            Code: RejectedForGood.InvalidEnvelope, Reason: reason));
    }

    /// <summary>Calls per second of <paramref name="kind"/> over the <see cref="SecondsKept"/> whole seconds before <paramref name="now"/>, oldest first.</summary>
    public int[] CallsPerSecond(MessageKind kind, DateTimeOffset now) =>
        (kind == MessageKind.Group ? _groupCalls : _userCalls).Read(now.ToUnixTimeSeconds() - 1);

    /// <summary>Calls of <paramref name="kind"/> since the process started.</summary>
    public long TotalCalls(MessageKind kind) => (kind == MessageKind.Group ? _groupCalls : _userCalls).Total;

    public DeliveryTotals Totals() => new(
        _groupCalls.Total + _userCalls.Total, _deliveries.Count, Volatile.Read(ref _retries), Volatile.Read(ref _rejections));

    /// <summary>The last deliveries, newest first.</summary>
    public IReadOnlyList<DeliveryRecord> RecentDeliveries() => _deliveries.Read();

    /// <summary>The last failures (retries and rejections), newest first.</summary>
    public IReadOnlyList<DeliveryRecord> RecentFailures() => _failures.Read();
}
