namespace LiveRelay.Queues.Processing;

/// <summary>
/// Renews one message's lease at half-time while its handler runs: one timer, set again when a renewal has finished,
/// stopped when the handler ends. Almost every handler ends long before its first renewal, so stopping must be cheap:
/// a delay cancelled at the handler's end cost a linked token source and two thread-pool work items per message.
/// </summary>
internal sealed class LeaseRenewal : IDisposable
{
    private readonly InFlightMessage _item;
    private readonly TimeSpan _interval;
    private readonly Func<InFlightMessage, Task<bool>> _renew;
    private readonly Lock _gate = new();
    private readonly ITimer _timer;
    private bool _stopped;

    /// <param name="item">The message whose lease is renewed.</param>
    /// <param name="interval">From the start, and from the end of each renewal, to the next renewal.</param>
    /// <param name="renew">Renews the lease once; false when it is not to be renewed again. Any exception ends the renewals.</param>
    /// <param name="timeProvider">The clock.</param>
    public LeaseRenewal(InFlightMessage item, TimeSpan interval, Func<InFlightMessage, Task<bool>> renew, TimeProvider timeProvider)
    {
        _item = item;
        _interval = interval;
        _renew = renew;
        _timer = timeProvider.CreateTimer(static state => _ = ((LeaseRenewal)state!).RenewAsync(), this, interval, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Stops the timer: it is not set again. A renewal already under way finishes (the message's gate and its running state keep it from crossing a settle).</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _stopped = true;
            _timer.Dispose();
        }
    }

    private async Task RenewAsync()
    {
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }
        }

        try
        {
            if (!await _renew(_item).ConfigureAwait(false))
            {
                return;
            }
        }
        catch (Exception)
        {
            // A hard stop cancels the renewal; nothing may escape a timer's task.
            return;
        }

        lock (_gate)
        {
            if (!_stopped)
            {
                _timer.Change(_interval, Timeout.InfiniteTimeSpan);
            }
        }
    }
}
