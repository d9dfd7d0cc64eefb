using System.CommandLine;

namespace LiveRelay.Cli;

/// <summary>
/// One command (or command group) of <c>liverelay</c>. <see cref="CliApp"/> finds every implementation in this assembly,
/// so adding a command is adding one class. Actions write to <c>ParseResult.InvocationConfiguration.Output</c> and
/// <c>.Error</c> and return an <see cref="ExitCodes"/> value.
/// </summary>
internal interface ICliCommand
{
    Command Create();
}
