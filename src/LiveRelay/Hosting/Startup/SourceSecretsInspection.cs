using System.Globalization;
using LiveRelay.Intake;
using LiveRelay.Intake.Configuration;
using LiveRelay.Intake.Verification;
using LiveRelay.Secrets;
using Microsoft.Extensions.DependencyInjection;

namespace LiveRelay.Hosting.Startup;

/// <summary>
/// Reads every configured source's signing secrets through the app's <see cref="ISecretProvider"/> and decodes each
/// with its scheme's own rule (the one requests use), so a misspelled name or a value in the wrong form is found at
/// start-up, naming the source and the secret (never the value), instead of as 503s on every webhook.
/// </summary>
public static class SourceSecretsInspection
{
    /// <summary>Inspects the sources of the app whose services are <paramref name="services"/> (its <see cref="IntakeService"/> and <see cref="ISecretProvider"/>).</summary>
    public static Task<SourceSecretsReport> InspectAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        return InspectAsync(services.GetRequiredService<IntakeService>(), services.GetRequiredService<ISecretProvider>(), cancellationToken);
    }

    internal static async Task<SourceSecretsReport> InspectAsync(IntakeService intake, ISecretProvider secrets, CancellationToken cancellationToken)
    {
        var problems = new List<StartupProblem>();
        var unreachable = new List<StartupProblem>();
        var count = 0;
        foreach (var source in intake.Sources.OrderBy(static s => s.Name, StringComparer.OrdinalIgnoreCase))
        {
            for (var i = 0; i < source.SecretNames.Count; i++)
            {
                count++;
                var name = source.SecretNames[i];
                var path = $"{SourcesOptions.SectionName}:{source.Name}:Verification:SecretNames:{i.ToString(CultureInfo.InvariantCulture)}";
                var where = WebhookKeyRing.Where(secrets, name);
                var vault = (secrets as ISecretSourceDescription)?.VaultUri;
                string? value;
                try
                {
                    value = await secrets.GetSecretAsync(name, cancellationToken).ConfigureAwait(false);
                }
                catch (SecretUnavailableException ex) when (ex.Revoked)
                {
                    problems.Add(new StartupProblem(
                        path,
                        $"Source '{source.Name}': its signing secret '{name}' is disabled: {ex.Message}",
                        $"Enable the secret in {vault}, or remove '{name}' from the source's SecretNames."));
                    continue;
                }
                catch (SecretUnavailableException ex)
                {
                    unreachable.Add(new StartupProblem(
                        path,
                        $"Source '{source.Name}': its signing secret '{name}' cannot be read now: {ex.Message}",
                        vault is null
                            ? "Resolve the setting: in Azure, give the app's identity access to the vault the reference names; locally, set the value itself."
                            : $"Check that {vault} can be reached from here and that the app's identity has the Key Vault Secrets User role on it; this may pass by itself."));
                    continue;
                }

                if (string.IsNullOrEmpty(value))
                {
                    problems.Add(new StartupProblem(
                        path,
                        $"Source '{source.Name}': its signing secret '{name}' does not exist ({where}), so every webhook to the source would be answered 503.",
                        vault is null
                            ? $"Correct the name, or set {ConfigurationSecretProviderKey(name)} (user secrets, local.settings.json, or the environment variable {StartupFailureReport.AsEnvironmentVariable(ConfigurationSecretProviderKey(name.Replace('-', '_')))})."
                            : $"Correct the name, or create the secret: az keyvault secret set --vault-name <vault> --name {name} --file <file with the value>."));
                }
                else if (source.Verifier.DecodeKey(value, out var problem) is null)
                {
                    problems.Add(new StartupProblem(
                        path,
                        $"Source '{source.Name}': its signing secret '{name}' ({where}) is not usable with scheme '{SchemeName(source.Verifier.Scheme)}': {problem}. (The value is not shown.)",
                        "Store the secret exactly as the sender shows it, in the form the scheme needs, or change the source's Verification settings."));
                }
            }
        }

        return new SourceSecretsReport(problems, unreachable) { Checked = count };
    }

    private static string ConfigurationSecretProviderKey(string name) => $"{Secrets.Configuration.ConfigurationSecretProvider.ConfigurationSection}:{name}";

    private static string SchemeName(VerificationScheme scheme) => scheme switch
    {
        VerificationScheme.StandardWebhooks => VerificationOptions.SchemeStandardWebhooks,
        _ => scheme.ToString().ToLowerInvariant(),
    };
}
