namespace LiveRelay.Delivery.Sending;

/// <summary>The next pacing slot is further away than the send may still wait.</summary>
internal sealed class PacingBacklogException : Exception
{
    public PacingBacklogException()
    {
    }

    public PacingBacklogException(string message)
        : base(message)
    {
    }

    public PacingBacklogException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public PacingBacklogException(string operation, TimeSpan wait)
        : base($"No {operation} pacing slot within the retry budget; the next is {wait.TotalMilliseconds:0} ms away.")
    {
        Wait = wait;
    }

    public TimeSpan Wait { get; }
}
