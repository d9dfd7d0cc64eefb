namespace LiveRelay.Cli;

/// <summary>The exit codes every command uses (docs/cli.md lists them).</summary>
internal static class ExitCodes
{
    /// <summary>Done: the configuration passes, the payload is accepted or ignored, the webhook was signed (and answered 2xx).</summary>
    public const int Ok = 0;

    /// <summary>The configuration has problems (the block printed is the one the hosts print at start-up).</summary>
    public const int ConfigurationProblems = 1;

    /// <summary>The command line is wrong, or a file it names cannot be read.</summary>
    public const int Usage = 2;

    /// <summary>The payload would be refused (preview), or the endpoint refused it (sign --send): the problem is printed.</summary>
    public const int Refused = 3;
}
