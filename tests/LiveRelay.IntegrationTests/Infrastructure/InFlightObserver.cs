using System.Diagnostics.Metrics;
using LiveRelay.Queues.Processing;

namespace LiveRelay.IntegrationTests.Infrastructure;

/// <summary>
/// Reads one host's queue metrics (meter <c>LiveRelay.Queues</c>) the way an exporter would: a MeterListener that
/// samples the in-flight counter every few milliseconds and reads the processor's own peak gauge.
/// </summary>
public sealed class InFlightObserver : IAsyncDisposable
{
    private readonly MeterListener _listener = new();
    private readonly string _queueName;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private int _sampledMax;
    private int _reportedPeak;
    private long _samples;
    private int _stopped;

    public InFlightObserver(IMeterFactory hostMeters, string queueName)
    {
        _queueName = queueName;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            // Only this host's processors: every host in the process has a meter of the same name.
            if (instrument.Meter.Name == QueueMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, hostMeters)
                && instrument.Name is QueueMetrics.InFlight or QueueMetrics.PeakInFlight)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<int>(OnMeasurement);
        _listener.Start();
        _sampling = SampleAsync(_stop.Token);
    }

    /// <summary>The most messages in flight seen in any sample.</summary>
    public int SampledMax => Volatile.Read(ref _sampledMax);

    /// <summary>The processor's <c>in_flight.peak</c> gauge, as last read.</summary>
    public int ReportedPeak => Volatile.Read(ref _reportedPeak);

    public long Samples => Interlocked.Read(ref _samples);

    /// <summary>Takes a last sample and stops listening; the figures stay readable.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        await _stop.CancelAsync();
        await _sampling;
        _listener.RecordObservableInstruments();
        _listener.Dispose();
        _stop.Dispose();
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private void OnMeasurement(Instrument instrument, int value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == QueueMetrics.QueueTag && !Equals(tag.Value, _queueName))
            {
                return;
            }
        }

        if (instrument.Name == QueueMetrics.InFlight)
        {
            Interlocked.Increment(ref _samples);
            InterlockedMax(ref _sampledMax, value);
        }
        else
        {
            InterlockedMax(ref _reportedPeak, value);
        }
    }

    private async Task SampleAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            _listener.RecordObservableInstruments();
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(2), cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
