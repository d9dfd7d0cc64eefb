using System.CommandLine;
using LiveRelay.AlibabaCloud.Credentials;
using LiveRelay.Cli.Configuration;
using LiveRelay.Hosting.Startup;
using LiveRelay.Intake;
using LiveRelay.Secrets;
using LiveRelay.Secrets.KeyVault;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LiveRelay.Cli.Commands;

/// <summary>
/// <c>liverelay check</c>: the hosts' start-up validation, without starting a host: unknown keys, options validation
/// (sources included), and every source's signing secrets read and decoded when they come from configuration. Secrets in
/// Key Vault are read only with <c>--key-vault</c> (your Azure sign-in), since an offline check cannot see them.
/// </summary>
internal sealed class CheckCommand : ICliCommand
{
    private readonly ConfigurationOptions _configuration = new();

    private readonly Option<bool> _keyVault = new("--key-vault")
    {
        Description = "Read secrets that live in Key Vault (LiveRelay:KeyVault:Uri) with your Azure sign-in (az login, environment or managed identity).",
    };

    public Command Create()
    {
        var command = new Command("check", "Check a configuration exactly as the hosts do at start-up, and print the same block when something is wrong.");
        _configuration.AddTo(command);
        command.Options.Add(_keyVault);
        command.SetAction(RunAsync);
        return command;
    }

    private async Task<int> RunAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        var output = parsed.InvocationConfiguration.Output;
        var error = parsed.InvocationConfiguration.Error;
        var configuration = _configuration.Load(parsed);
        await using var services = CliServices.Build(configuration);

        var problems = StartupPreflight.Find(services).ToList();
        var inKeyVault = SecretsServiceCollectionExtensions.IsKeyVaultConfigured(configuration);
        var readSecrets = problems.Count == 0 && (!inKeyVault || parsed.GetValue(_keyVault));
        SourceSecretsReport? secrets = null;
        if (readSecrets)
        {
            secrets = await SourceSecretsInspection.InspectAsync(services, cancellationToken).ConfigureAwait(false);
            problems.AddRange(secrets.Problems);
            problems.AddRange(secrets.Unreachable);
        }

        if (problems.Count > 0)
        {
            await error.WriteAsync(StartupFailureReport.Format(problems, "LiveRelay")).ConfigureAwait(false);
            return ExitCodes.ConfigurationProblems;
        }

        var names = services.GetRequiredService<IntakeService>().SourceNames.Order(StringComparer.OrdinalIgnoreCase).ToList();
        await output.WriteLineAsync("Configuration OK: the hosts would start with it.").ConfigureAwait(false);
        await output.WriteLineAsync($"  Settings under LiveRelay: all known; every options class validates.").ConfigureAwait(false);
        await output.WriteLineAsync($"  Sources: {names.Count}{(names.Count > 0 ? $" ({string.Join(", ", names)})" : string.Empty)}.").ConfigureAwait(false);
        var vault = configuration[$"{KeyVaultOptions.SectionName}:{nameof(KeyVaultOptions.Uri)}"];
        await output.WriteLineAsync(secrets is null
            ? $"  Signing secrets: in Key Vault {vault}, NOT checked offline. Run with --key-vault to read them with your Azure sign-in."
            : $"  Signing secrets: {secrets.Checked} read from {(inKeyVault ? $"Key Vault {vault}" : "configuration")}, each well-formed for its source's scheme.").ConfigureAwait(false);
        if (!inKeyVault)
        {
            await output.WriteLineAsync(await DescribeKeyPairAsync(services, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        }

        return ExitCodes.Ok;
    }

    private static async Task<string> DescribeKeyPairAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        try
        {
            await services.GetRequiredService<IAlibabaCloudCredentialProvider>().GetCredentialAsync(cancellationToken).ConfigureAwait(false);
            return "  Alibaba Cloud key pair: set in configuration.";
        }
        catch (SecretUnavailableException ex)
        {
            return $"  Alibaba Cloud key pair: not usable ({ex.Message.TrimEnd('.')}). The standalone host will not start without it; the Functions app starts and reports degraded health.";
        }
    }
}
