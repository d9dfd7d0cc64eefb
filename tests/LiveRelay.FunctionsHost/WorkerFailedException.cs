namespace LiveRelay.FunctionsHost;

/// <summary>The worker crashed, hung, or refused a step of the protocol; the message carries its output.</summary>
public sealed class WorkerFailedException : Exception
{
    public WorkerFailedException()
    {
    }

    public WorkerFailedException(string message)
        : base(message)
    {
    }

    public WorkerFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
