namespace LiveRelay.IntegrationTests.Pacing;

/// <summary>One operation's deliveries in the measured window, by the emulator's arrival timestamps.</summary>
/// <param name="MedianGapMilliseconds">The median time between two arrivals (the pacing interval is 1000 / limit).</param>
/// <param name="LongGaps">Gaps longer than 1.5 pacing intervals: turns lost because no message was waiting for them, or a stall.</param>
public sealed record OperationRate(string Action, double Limit, TimeSpan Window, int Delivered, int BusiestSecond, double MedianGapMilliseconds, int LongGaps, double LongestGapMilliseconds)
{
    /// <summary>Messages delivered per second over the window, as a share of the configured limit.</summary>
    public double Share => Delivered / (Limit * Window.TotalSeconds);

    public override string ToString() =>
        $"{Action}: {Delivered} in {Window.TotalSeconds:0} s = {Delivered / Window.TotalSeconds:0.00}/s of {Limit:0}/s, share {Share:0.000}; busiest second {BusiestSecond}; median gap {MedianGapMilliseconds:0.0} ms (interval {1000 / Limit:0.0} ms), {LongGaps} gaps over 1.5 intervals, longest {LongestGapMilliseconds:0} ms";
}
