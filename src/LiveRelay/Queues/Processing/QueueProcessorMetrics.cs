using System.Diagnostics.Metrics;

namespace LiveRelay.Queues.Processing;

internal sealed class QueueProcessorMetrics : IDisposable
{
    private readonly Meter? _ownedMeter;
    private readonly Counter<long> _settled;
    private readonly Histogram<double> _handlerDuration;
    private readonly KeyValuePair<string, object?> _queueTag;

    public QueueProcessorMetrics(string queueName, IMeterFactory? meterFactory, Func<int> inFlight, Func<int> peakInFlight)
    {
        Meter meter;
        if (meterFactory is null)
        {
            meter = _ownedMeter = new Meter(QueueMetrics.MeterName);
        }
        else
        {
            meter = meterFactory.Create(QueueMetrics.MeterName);
        }

        _queueTag = new(QueueMetrics.QueueTag, queueName);
        meter.CreateObservableUpDownCounter(
            QueueMetrics.InFlight, () => new Measurement<int>(inFlight(), _queueTag), "{message}", "Messages received and not yet settled.");
        meter.CreateObservableGauge(
            QueueMetrics.PeakInFlight, () => new Measurement<int>(peakInFlight(), _queueTag), "{message}", "Most messages in flight at once.");
        _settled = meter.CreateCounter<long>(QueueMetrics.Settled, "{message}", "Messages settled, by outcome.");
        _handlerDuration = meter.CreateHistogram<double>(QueueMetrics.HandlerDuration, "s", "Handler run time.");
    }

    public void Settled(string outcome) => _settled.Add(1, _queueTag, new(QueueMetrics.OutcomeTag, outcome));

    public void HandlerRan(TimeSpan elapsed) => _handlerDuration.Record(elapsed.TotalSeconds, _queueTag);

    public void Dispose() => _ownedMeter?.Dispose();
}
