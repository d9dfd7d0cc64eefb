namespace LiveRelay.Harness.Hosting;

/// <summary>Waits for a child process's HTTP endpoint to answer 2xx.</summary>
internal static class HttpReadiness
{
    /// <returns>When it first answered.</returns>
    public static async Task<DateTimeOffset> WaitAsync(ChildProcess process, Uri address, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The {process.Name} exited with code {process.ExitCode} before it was ready; see its log.");
            }

            try
            {
                using var response = await client.GetAsync(address, deadline.Token).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return DateTimeOffset.UtcNow;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"The {process.Name} did not answer {address} within {timeout.TotalSeconds:0} s.");
            }
            catch (TaskCanceledException) when (!deadline.IsCancellationRequested)
            {
                // One probe timed out; the deadline has not passed.
            }

            try
            {
                await Task.Delay(50, deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"The {process.Name} did not answer {address} within {timeout.TotalSeconds:0} s.");
            }
        }
    }
}
