using System.Diagnostics.Metrics;
using LiveRelay.Delivery.Pacing;

namespace LiveRelay.Delivery.Telemetry;

/// <summary>
/// Delivery's instruments on the <see cref="MeterName"/> meter. Counters are tagged with <c>operation</c>
/// (the Live API action) and, where it tells something, <c>code</c> (the API's error code) and <c>kind</c>.
/// </summary>
public sealed class DeliveryMetrics : IDisposable
{
    public const string MeterName = "LiveRelay";

    public const string OperationTag = "operation";
    public const string CodeTag = "code";
    public const string KindTag = "kind";
    public const string OutcomeTag = "outcome";

    /// <summary>The operation tag of envelopes that could not be read, so have no operation.</summary>
    public const string UnknownOperation = "unknown";

    private static readonly double[] MillisecondBuckets = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000];

    private readonly Meter? _ownedMeter;
    private readonly Counter<long> _accepted;
    private readonly Counter<long> _delivered;
    private readonly Counter<long> _retried;
    private readonly Counter<long> _throttled;
    private readonly Counter<long> _rejected;
    private readonly Histogram<double> _callDuration;
    private readonly Histogram<double> _sendDuration;
    private readonly Counter<long> _deferred;
    private readonly Counter<long> _fleetPauses;
    private readonly Counter<long> _renewalFailures;

    /// <param name="meterFactory">The host's meter factory; without one, the instance owns its meter.</param>
    public DeliveryMetrics(IMeterFactory? meterFactory = null)
    {
        Meter = meterFactory?.Create(MeterName) ?? (_ownedMeter = new Meter(MeterName));
        _accepted = Meter.CreateCounter<long>(
            "liverelay.delivery.accepted", "{message}", "Messages the sender took on: valid requests about to be paced and sent.");
        _delivered = Meter.CreateCounter<long>(
            "liverelay.delivery.delivered", "{message}", "Messages the Live API accepted.");
        _retried = Meter.CreateCounter<long>(
            "liverelay.delivery.retried", "{retry}", "Calls made again within one send, after throttling, a transient failure or a credential refresh.");
        _throttled = Meter.CreateCounter<long>(
            "liverelay.delivery.throttled", "{answer}", "Throttling answers from the Live API.");
        _rejected = Meter.CreateCounter<long>(
            "liverelay.delivery.rejected", "{message}", "Sends that ended undelivered: kind 'permanent' (never retried) or 'retry_later' (handed back).");
        _callDuration = Meter.CreateHistogram(
            "liverelay.delivery.call.duration", "ms", "One Live API call, from sending to the end of the answer.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = MillisecondBuckets });
        _sendDuration = Meter.CreateHistogram(
            "liverelay.delivery.send.duration", "ms", "One message's whole send: pacing waits, calls and retry delays.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = MillisecondBuckets });
        _deferred = Meter.CreateCounter<long>(
            "liverelay.pacing.deferred", "{message}", "Messages handed back to their queue unsent because their pacing turn was further away than a process may hold them.");
        _fleetPauses = Meter.CreateCounter<long>(
            "liverelay.pacing.pauses", "{pause}", "Pauses the API asked for (x-acs-retry-after) that this process applied, its own or another process's through the coordinator.");
        _renewalFailures = Meter.CreateCounter<long>(
            "liverelay.pacing.renewal_failures", "{renewal}", "Share renewals with the fleet coordinator that failed (kind 'unreachable' or 'contended').");
    }

    internal Meter Meter { get; }

    public void Dispose() => _ownedMeter?.Dispose();

    internal void Accepted(string operation) => _accepted.Add(1, new KeyValuePair<string, object?>(OperationTag, operation));

    internal void Delivered(string operation) => _delivered.Add(1, new KeyValuePair<string, object?>(OperationTag, operation));

    internal void Retried(string operation, string code) =>
        _retried.Add(1, new KeyValuePair<string, object?>(OperationTag, operation), new KeyValuePair<string, object?>(CodeTag, code));

    internal void Throttled(string operation, string code) =>
        _throttled.Add(1, new KeyValuePair<string, object?>(OperationTag, operation), new KeyValuePair<string, object?>(CodeTag, code));

    internal void Rejected(string operation, string kind, string code) =>
        _rejected.Add(
            1,
            new KeyValuePair<string, object?>(OperationTag, operation),
            new KeyValuePair<string, object?>(KindTag, kind),
            new KeyValuePair<string, object?>(CodeTag, code));

    internal void CallCompleted(string operation, string outcome, TimeSpan elapsed) =>
        _callDuration.Record(
            elapsed.TotalMilliseconds,
            new KeyValuePair<string, object?>(OperationTag, operation),
            new KeyValuePair<string, object?>(OutcomeTag, outcome));

    internal void SendCompleted(string operation, string outcome, TimeSpan elapsed) =>
        _sendDuration.Record(
            elapsed.TotalMilliseconds,
            new KeyValuePair<string, object?>(OperationTag, operation),
            new KeyValuePair<string, object?>(OutcomeTag, outcome));

    internal void Deferred(string operation) => _deferred.Add(1, new KeyValuePair<string, object?>(OperationTag, operation));

    internal void FleetPause(string operation) => _fleetPauses.Add(1, new KeyValuePair<string, object?>(OperationTag, operation));

    internal void RenewalFailed(string operation, string kind) =>
        _renewalFailures.Add(1, new KeyValuePair<string, object?>(OperationTag, operation), new KeyValuePair<string, object?>(KindTag, kind));

    /// <summary>Publishes each operation's pacing rate, share and demand as gauges.</summary>
    internal void ObservePacing(IReadOnlyList<OperationPacing> operations)
    {
        Meter.CreateObservableGauge(
            "liverelay.delivery.rate", () => Observe(operations, static o => o.Rate.CurrentRate), "{call}/s", "The rate this process paces an operation at: its share, adapted to throttling.");
        Meter.CreateObservableGauge(
            "liverelay.pacing.share", () => Observe(operations, static o => o.Share), "{call}/s", "This process's share of the account limit for an operation.");
        Meter.CreateObservableGauge(
            "liverelay.pacing.demand", () => Observe(operations, static o => (double)o.Demand), "{message}", "Messages this process is sending now, per operation (waiting for a turn, in a call or between retries): with the time a call takes, what its demand for a share is reckoned from.");
    }

    /// <summary>Publishes what the fleet coordinator sees: senders sharing each limit, and whether this process is on its fallback share.</summary>
    internal void ObserveFleet(Func<IEnumerable<Measurement<int>>> senders, Func<IEnumerable<Measurement<int>>> fallback)
    {
        Meter.CreateObservableGauge("liverelay.pacing.fleet_size", senders, "{process}", "Processes holding a share of an operation's limit, as this process last saw them.");
        Meter.CreateObservableGauge("liverelay.pacing.fallback", fallback, "{state}", "1 while this process paces an operation at its fallback share (the coordinator could not be reached), else 0.");
    }

    private static IEnumerable<Measurement<double>> Observe(IReadOnlyList<OperationPacing> operations, Func<OperationPacing, double> value)
    {
        foreach (var operation in operations)
        {
            yield return new Measurement<double>(value(operation), new KeyValuePair<string, object?>(OperationTag, operation.Operation));
        }
    }
}
