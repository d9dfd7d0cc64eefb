using System.CommandLine;
using LiveRelay.Hosting.Startup;

namespace LiveRelay.Cli;

/// <summary>The <c>liverelay</c> command line: every <see cref="ICliCommand"/> in this assembly under one root.</summary>
public static class CliApp
{
    /// <summary>Parses and runs <paramref name="args"/>, writing to <paramref name="output"/> and <paramref name="error"/>; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var root = CreateRoot();
        var parsed = root.Parse(args);
        var configuration = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        if (parsed.Errors.Count > 0 && parsed.Action is not System.CommandLine.Help.HelpAction)
        {
            foreach (var parseError in parsed.Errors)
            {
                await error.WriteLineAsync(parseError.Message).ConfigureAwait(false);
            }

            await error.WriteLineAsync("Run 'liverelay --help' (or 'liverelay <command> --help') for the options.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        try
        {
            return await parsed.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (CliUsageException ex)
        {
            await error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (StartupConfigurationException ex)
        {
            await error.WriteLineAsync(StartupFailureReport.Format(ex, "LiveRelay")).ConfigureAwait(false);
            return ExitCodes.ConfigurationProblems;
        }
    }

    internal static RootCommand CreateRoot()
    {
        var root = new RootCommand("liverelay: check a LiveRelay configuration, preview what a webhook payload becomes, and sign test webhooks.");
        var commands = typeof(CliApp).Assembly.GetTypes()
            .Where(static t => typeof(ICliCommand).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false })
            .Select(static t => (ICliCommand)Activator.CreateInstance(t)!)
            .Select(static c => c.Create())
            .OrderBy(static c => c.Name, StringComparer.Ordinal);
        foreach (var command in commands)
        {
            root.Subcommands.Add(command);
        }

        return root;
    }
}
