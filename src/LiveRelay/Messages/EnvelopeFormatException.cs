namespace LiveRelay.Messages;

/// <summary>A queue message is not a readable envelope. Such a message is rejected for good, never retried.</summary>
public sealed class EnvelopeFormatException : Exception
{
    public EnvelopeFormatException()
    {
    }

    public EnvelopeFormatException(string message)
        : base(message)
    {
    }

    public EnvelopeFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
