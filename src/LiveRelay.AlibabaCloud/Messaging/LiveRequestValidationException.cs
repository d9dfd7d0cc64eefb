namespace LiveRelay.AlibabaCloud.Messaging;

/// <summary>A request broke one or more documented API limits; it was not sent.</summary>
public sealed class LiveRequestValidationException : Exception
{
    public LiveRequestValidationException()
        : this(string.Empty, [])
    {
    }

    public LiveRequestValidationException(string message)
        : this(message, [])
    {
    }

    public LiveRequestValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Action = string.Empty;
        Failures = [];
    }

    public LiveRequestValidationException(string action, IReadOnlyList<ValidationFailure> failures)
        : base($"{action} request is invalid: {string.Join("; ", failures ?? [])}")
    {
        Action = action;
        Failures = failures ?? [];
    }

    public string Action { get; }

    public IReadOnlyList<ValidationFailure> Failures { get; }
}
