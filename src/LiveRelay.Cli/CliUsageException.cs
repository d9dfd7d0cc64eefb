namespace LiveRelay.Cli;

/// <summary>A mistake on the command line (a file that does not exist, a malformed header): exit code 2 with the message.</summary>
internal sealed class CliUsageException : Exception
{
    public CliUsageException()
    {
    }

    public CliUsageException(string message)
        : base(message)
    {
    }

    public CliUsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
