namespace LiveRelay.Cli.Signing;

/// <summary>
/// <c>--secret</c>: the value itself, <c>@file</c> (its text, without a trailing newline), or <c>env:NAME</c> (an
/// environment variable). The last two keep the secret out of shell history.
/// </summary>
internal static class SecretArgument
{
    /// <exception cref="CliUsageException">The file or variable does not exist.</exception>
    /// <param name="option">The option it came from, for the error message.</param>
    public static string Read(string argument, string option = "--secret")
    {
        if (argument.StartsWith('@'))
        {
            var path = Path.GetFullPath(argument[1..]);
            return File.Exists(path)
                ? File.ReadAllText(path).TrimEnd('\r', '\n')
                : throw new CliUsageException($"{option} {argument}: the file {path} does not exist.");
        }

        if (argument.StartsWith("env:", StringComparison.Ordinal))
        {
            var name = argument["env:".Length..];
            return Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
                ? value
                : throw new CliUsageException($"{option} {argument}: the environment variable {name} is not set.");
        }

        return argument;
    }
}
