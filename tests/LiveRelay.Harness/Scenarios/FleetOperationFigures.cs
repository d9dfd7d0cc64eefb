namespace LiveRelay.Harness.Scenarios;

/// <summary>One operation's calls in a fleet case's window, summed over every process, as the emulator counted them.</summary>
/// <param name="Delivered">Calls the emulator accepted in the window.</param>
/// <param name="ShareOfLimit">Delivered ÷ (limit × window).</param>
/// <param name="SteadyShareOfLimit">The same, leaving out the first seconds while shares settle.</param>
/// <param name="Throttled">Calls the emulator refused for going over the limit, in the window.</param>
internal sealed record FleetOperationFigures(string Operation, int Limit, long Delivered, double ShareOfLimit, double SteadyShareOfLimit, long Throttled)
{
    /// <summary>Throttled calls as a share of all calls that reached the limiter.</summary>
    public double ThrottledShare => Delivered + Throttled > 0 ? (double)Throttled / (Delivered + Throttled) : 0;
}
