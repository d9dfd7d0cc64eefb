namespace LiveRelay.Harness.Cost;

/// <summary>One measured window of one subject.</summary>
/// <param name="Kind"><c>intake</c>, or <c>delivery</c> with its <paramref name="Backlog"/>.</param>
/// <param name="Repeat">Which repeat (from 1).</param>
/// <param name="Window">The window's figures: per webhook (intake) or per delivered message (delivery).</param>
/// <param name="ProcessCpu">The process's CPU time from its start to the end of the window.</param>
/// <param name="ProcessJitMilliseconds">Its JIT time over the same span.</param>
/// <param name="WarmUp">How long it was warmed up before the window (until its JIT settled, within the options' bounds).</param>
internal sealed record CostMeasurement(
    string Kind, int Backlog, CostSubject Subject, int Repeat, CostWindow Window, TimeSpan ProcessCpu, double ProcessJitMilliseconds, TimeSpan WarmUp);
