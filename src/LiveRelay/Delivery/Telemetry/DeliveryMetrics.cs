using System.Diagnostics.Metrics;

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

    /// <summary>Publishes the current pacing rate of each operation as the <c>liverelay.delivery.rate</c> gauge.</summary>
    internal void ObserveRates(Func<IEnumerable<Measurement<double>>> observe) =>
        Meter.CreateObservableGauge("liverelay.delivery.rate", observe, "{call}/s", "The rate this instance paces an operation at, after adapting to throttling.");
}
