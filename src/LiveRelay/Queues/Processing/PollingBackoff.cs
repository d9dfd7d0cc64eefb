namespace LiveRelay.Queues.Processing;

/// <summary>
/// The Functions runtime's polling rhythm: the shortest interval after messages arrive, doubling while the queue
/// stays empty (200 ms, 400 ms, ...) up to maxPollingInterval.
/// </summary>
internal sealed class PollingBackoff
{
    private readonly TimeSpan _maximum;
    private TimeSpan _current;

    public PollingBackoff(TimeSpan minimum, TimeSpan maximum)
    {
        Minimum = minimum;
        _maximum = maximum;
        _current = minimum;
    }

    public TimeSpan Minimum { get; }

    public TimeSpan NextAfterEmpty()
    {
        var doubled = _current * 2;
        _current = doubled < _maximum ? doubled : _maximum;
        return _current;
    }

    public void Reset() => _current = Minimum;
}
