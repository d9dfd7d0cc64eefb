namespace LiveRelay.Hosting.Startup;

/// <summary>
/// The configuration stops the start: carries every problem found, so they are reported together, once
/// (<see cref="StartupFailureReport"/>). The message names settings and secrets, never a secret's value.
/// </summary>
public sealed class StartupConfigurationException : Exception
{
    public StartupConfigurationException()
        : this([])
    {
    }

    public StartupConfigurationException(string message)
        : this([new StartupProblem(null, message, "Correct the configuration and start again.")])
    {
    }

    public StartupConfigurationException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Problems = [new StartupProblem(null, message, "Correct the configuration and start again.")];
    }

    public StartupConfigurationException(IReadOnlyList<StartupProblem> problems)
        : base(Describe(problems))
    {
        Problems = problems;
    }

    public IReadOnlyList<StartupProblem> Problems { get; }

    private static string Describe(IReadOnlyList<StartupProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return problems.Count == 0
            ? "The configuration stops the start."
            : string.Join(" ", problems.Select(static p => p.Path is null ? p.Problem : $"{p.Path}: {p.Problem}"));
    }
}
