namespace LiveRelay.Harness.Hosting;

/// <summary>One reading of a host process's metrics, as <see cref="HostMetricsReporter"/> prints it.</summary>
/// <param name="At">When the process read them.</param>
/// <param name="Values">By <see cref="HostMetricsReporter.Key"/>; histograms as <c>key|sum</c> and <c>key|count</c>.</param>
internal sealed record HostMetricsSample(DateTimeOffset At, IReadOnlyDictionary<string, double> Values)
{
    public double? Value(string instrument, string? tag = null) =>
        Values.TryGetValue(HostMetricsReporter.Key(instrument, tag), out var value) ? value : null;
}
