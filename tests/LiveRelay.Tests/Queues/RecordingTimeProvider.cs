using System.Collections.Concurrent;
using LiveRelay.Testing;

namespace LiveRelay.Tests.Queues;

/// <summary>A hand-moved clock that remembers the due time of every timer made from it (so every Task.Delay).</summary>
internal sealed class RecordingTimeProvider(ManualTimeProvider inner) : TimeProvider
{
    private readonly ConcurrentQueue<TimeSpan> _timers = new();

    public ManualTimeProvider Clock => inner;

    public IReadOnlyList<TimeSpan> Timers => [.. _timers];

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();

    public override long GetTimestamp() => inner.GetTimestamp();

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = inner.CreateTimer(callback, state, dueTime, period);
        _timers.Enqueue(dueTime);
        return timer;
    }
}
