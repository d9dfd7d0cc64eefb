namespace LiveRelay.Secrets;

/// <summary>
/// Runs one piece of work at a time and lets every caller that arrives while it runs share its result, so a
/// crowd of callers costs one vault read. Callers wait with their own cancellation token; cancelling one
/// caller's wait never cancels the shared work.
/// </summary>
internal sealed class SingleFlight<T>
{
    private readonly Lock _gate = new();
    private Task<T>? _running;

    /// <summary>The work in progress, if any.</summary>
    public Task<T>? Running
    {
        get
        {
            lock (_gate)
            {
                return _running;
            }
        }
    }

    public Task<T> RunAsync(Func<Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        TaskCompletionSource<T> completion;
        lock (_gate)
        {
            if (_running is { } running)
            {
                return running;
            }

            completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
            _running = completion.Task;
        }

        _ = CompleteAsync(work, completion);
        return completion.Task;
    }

    private async Task CompleteAsync(Func<Task<T>> work, TaskCompletionSource<T> completion)
    {
        T result;
        try
        {
            // Never run the work on the caller's stack: callers may start it while holding a lock.
            await Task.CompletedTask.ConfigureAwait(ConfigureAwaitOptions.ForceYielding);
            result = await work().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Clear();
            completion.SetException(ex);
            return;
        }

        // Cleared before completing, so a caller woken by this result that asks again starts fresh work.
        Clear();
        completion.SetResult(result);
    }

    private void Clear()
    {
        lock (_gate)
        {
            _running = null;
        }
    }
}
