using LiveRelay.Harness.Hosting;

namespace LiveRelay.Harness.Cost;

/// <summary>A process the cost run measures, whichever kind it is.</summary>
internal sealed class MeasuredProcess(Uri baseAddress, ChildProcess process, Func<Task<bool>> stop, Func<ValueTask> dispose) : IAsyncDisposable
{
    public Uri BaseAddress { get; } = baseAddress;

    public ChildProcess Process { get; } = process;

    public Task<bool> StopAsync() => stop();

    public ValueTask DisposeAsync() => dispose();
}
