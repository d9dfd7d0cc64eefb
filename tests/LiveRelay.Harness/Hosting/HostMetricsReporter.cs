using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text.Json;

namespace LiveRelay.Harness.Hosting;

/// <summary>
/// Runs inside a standalone host process (started there by <see cref="StartupHook"/>): listens to LiveRelay's meters and
/// prints their values as one line on standard output every half second. Counters and histograms are summed since the
/// start, gauges keep their last value; each is keyed by instrument name and its <c>operation</c> or <c>queue</c> tag
/// (other tags are summed over). The standalone host exports no metrics of its own, and the harness needs the
/// process's view: the pacing share it was granted, fallbacks, hand-backs, and how long it held messages.
/// </summary>
internal sealed class HostMetricsReporter
{
    /// <summary>Starts every metrics line, so the harness can tell it from log output.</summary>
    public const string LinePrefix = "##liverelay-metrics ";

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);
    private static readonly string[] Meters = ["LiveRelay", "LiveRelay.Queues"];
    private static readonly string[] KeyTags = ["operation", "queue"];
    private static HostMetricsReporter? _running;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, double> _values = new(StringComparer.Ordinal);
    private readonly MeterListener _listener = new();
    private readonly Timer _timer;

    private HostMetricsReporter()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (Meters.Contains(instrument.Meter.Name, StringComparer.Ordinal))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<float>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
        _timer = new Timer(static state => ((HostMetricsReporter)state!).Print(), this, Interval, Interval);
    }

    public static void Start() => _running ??= new HostMetricsReporter();

    /// <summary>Keys a measurement: <c>name</c>, or <c>name|tag value</c> for the operation or queue it is about.</summary>
    public static string Key(string instrument, string? tag) => tag is null ? instrument : instrument + "|" + tag;

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string? tag = null;
        foreach (var pair in tags)
        {
            if (KeyTags.Contains(pair.Key, StringComparer.Ordinal))
            {
                tag = Convert.ToString(pair.Value, CultureInfo.InvariantCulture);
                break;
            }
        }

        var key = Key(instrument.Name, tag);
        lock (_gate)
        {
            switch (instrument)
            {
                case Histogram<double> or Histogram<long> or Histogram<int> or Histogram<float>:
                    _values[key + "|sum"] = _values.GetValueOrDefault(key + "|sum") + value;
                    _values[key + "|count"] = _values.GetValueOrDefault(key + "|count") + 1;
                    break;
                case Counter<long> or Counter<int> or Counter<double> or UpDownCounter<long> or UpDownCounter<int> or UpDownCounter<double>:
                    _values[key] = _values.GetValueOrDefault(key) + value;
                    break;
                default:
                    // Observable instruments report their current (or cumulative) value; gauges their last.
                    _values[key] = value;
                    break;
            }
        }
    }

    private void Print()
    {
        _listener.RecordObservableInstruments();
        Dictionary<string, double> snapshot;
        lock (_gate)
        {
            snapshot = new Dictionary<string, double>(_values, StringComparer.Ordinal);
        }

        var line = JsonSerializer.Serialize(new HostMetricsSample(DateTimeOffset.UtcNow, snapshot));
        Console.Out.WriteLine(LinePrefix + line);
    }
}
