using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using LiveRelay.Queues.Processing;

namespace LiveRelay.Tests.Queues;

/// <summary>An IMeterFactory whose meters only this test sees, with a listener that reads the queue instruments.</summary>
internal sealed class TestMeterFactory : IMeterFactory
{
    private readonly List<Meter> _meters = [];
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<(string Queue, string Outcome), long> _settled = new();
    private readonly ConcurrentDictionary<string, int> _peaks = new();

    public TestMeterFactory()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Scope == this)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (instrument.Name == QueueMetrics.Settled)
            {
                _settled.AddOrUpdate((Tag(tags, QueueMetrics.QueueTag), Tag(tags, QueueMetrics.OutcomeTag)), value, (_, sum) => sum + value);
            }
        });
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) =>
        {
            if (instrument.Name == QueueMetrics.PeakInFlight)
            {
                _peaks[Tag(tags, QueueMetrics.QueueTag)] = value;
            }
        });
        _listener.Start();
    }

    public Meter Create(MeterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var meter = new Meter(new MeterOptions(options.Name) { Version = options.Version, Tags = options.Tags, Scope = this });
        lock (_meters)
        {
            _meters.Add(meter);
        }

        return meter;
    }

    public int ReadPeakInFlight(string queue)
    {
        _listener.RecordObservableInstruments();
        return _peaks.TryGetValue(queue, out var peak) ? peak : -1;
    }

    public long ReadSettled(string queue, string outcome) => _settled.GetValueOrDefault((queue, outcome));

    public void Dispose()
    {
        _listener.Dispose();
        lock (_meters)
        {
            _meters.ForEach(m => m.Dispose());
        }
    }

    private static string Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string name)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == name)
            {
                return tag.Value as string ?? string.Empty;
            }
        }

        return string.Empty;
    }
}
