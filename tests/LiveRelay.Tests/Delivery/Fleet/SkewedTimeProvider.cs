namespace LiveRelay.Tests.Delivery.Fleet;

/// <summary>A machine whose wall clock is off by <see cref="Skew"/>: its monotonic time and timers are the inner clock's.</summary>
internal sealed class SkewedTimeProvider(TimeProvider inner, TimeSpan skew) : TimeProvider
{
    public TimeSpan Skew { get; set; } = skew;

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow() + Skew;

    public override long GetTimestamp() => inner.GetTimestamp();

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        inner.CreateTimer(callback, state, dueTime, period);
}
