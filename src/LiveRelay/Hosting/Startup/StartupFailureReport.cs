using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using LiveRelay.Secrets;
using Microsoft.Extensions.Options;

namespace LiveRelay.Hosting.Startup;

/// <summary>
/// Turns what stopped a start into one block of text for a person: each problem with its configuration path, what is
/// wrong and how to fix it, and no stack trace. Configuration mistakes come as <see cref="StartupConfigurationException"/>,
/// <see cref="OptionsValidationException"/> (validators write "<c>Path: message</c>" or "<c>Path must ...</c>") or
/// <see cref="SecretUnavailableException"/>; anything else is not a configuration mistake, and its details (stack
/// included) follow the block, because they are what a bug report needs.
/// </summary>
public static partial class StartupFailureReport
{
    private const string ChangeSetting = "Correct this setting where it is set: a JSON file (appsettings.json, the sources file), an environment variable or app setting ({0}), or the command line.";

    /// <summary>The problems <paramref name="exception"/> describes; empty when it is not a configuration mistake.</summary>
    public static IReadOnlyList<StartupProblem> ProblemsOf(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var problems = new List<StartupProblem>();
        Collect(exception, problems);
        return problems.Distinct().ToList();
    }

    /// <summary>The block for a start that <paramref name="exception"/> stopped.</summary>
    public static string Format(Exception exception, string appName = "LiveRelay")
    {
        ArgumentNullException.ThrowIfNull(exception);
        var problems = ProblemsOf(exception);
        if (problems.Count > 0)
        {
            return Format(problems, appName);
        }

        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{appName} could not start: {exception.GetBaseException().Message}").AppendLine();
        text.AppendLine("This is not a configuration mistake LiveRelay recognizes; the details follow for a bug report.");
        text.AppendLine();
        text.AppendLine(exception.ToString());
        return text.ToString();
    }

    /// <summary>The block for <paramref name="problems"/>: a headline, then each problem's path, what is wrong and the fix.</summary>
    public static string Format(IReadOnlyList<StartupProblem> problems, string appName = "LiveRelay")
    {
        ArgumentNullException.ThrowIfNull(problems);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{appName} cannot start: {problems.Count} configuration problem{(problems.Count == 1 ? string.Empty : "s")}.").AppendLine();
        foreach (var problem in problems)
        {
            text.AppendLine();
            text.Append("  ").AppendLine(problem.Path ?? "(no single setting)");
            text.Append("    Problem: ").AppendLine(problem.Problem);
            text.Append("    Fix:     ").AppendLine(problem.Fix);
        }

        text.AppendLine();
        text.AppendLine("Nothing was started. Fix the settings above and start again (`liverelay check` checks them without starting).");
        return text.ToString();
    }

    /// <summary>The environment variable / app setting spelling of a configuration path (<c>:</c> becomes <c>__</c>).</summary>
    public static string AsEnvironmentVariable(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path.Replace(":", "__", StringComparison.Ordinal);
    }

    private static void Collect(Exception exception, List<StartupProblem> problems)
    {
        switch (exception)
        {
            case StartupConfigurationException configuration:
                problems.AddRange(configuration.Problems);
                break;
            case OptionsValidationException validation:
                problems.AddRange(validation.Failures.Select(FromValidationFailure));
                break;
            case SecretUnavailableException secret:
                problems.Add(new StartupProblem(
                    secret.VaultUri is null && secret.SecretName.Contains(':', StringComparison.Ordinal) ? secret.SecretName : null,
                    secret.Message,
                    secret.VaultUri is null
                        ? "Set the value (for local runs: user secrets, an environment variable or local.settings.json), or set LiveRelay:KeyVault:Uri to read it from a vault."
                        : $"Create the secret in {secret.VaultUri} or give the app's identity the Key Vault Secrets User role there; if the vault is only out of reach for now, the next start will find it."));
                break;
            case AggregateException aggregate:
                foreach (var inner in aggregate.InnerExceptions)
                {
                    Collect(inner, problems);
                }

                break;
            default:
                if (exception.InnerException is { } innerException)
                {
                    Collect(innerException, problems);
                }

                break;
        }
    }

    /// <summary>A validator's failure: "<c>LiveRelay:X:Y: message</c>" or "<c>LiveRelay:X:Y must ...</c>".</summary>
    private static StartupProblem FromValidationFailure(string failure)
    {
        var match = LeadingPath().Match(failure);
        if (!match.Success)
        {
            return new StartupProblem(null, failure, "Correct the setting it names and start again.");
        }

        var path = match.Groups["path"].Value;
        var rest = failure[match.Length..].Trim();
        var problem = match.Groups["colon"].Success && !StartsWithVerb(rest) ? Capitalize(rest) : $"{Last(path)} {rest}";
        return new StartupProblem(path, problem, string.Format(CultureInfo.InvariantCulture, ChangeSetting, AsEnvironmentVariable(path)));
    }

    private static bool StartsWithVerb(string text) =>
        text.StartsWith("is ", StringComparison.Ordinal) || text.StartsWith("must ", StringComparison.Ordinal) || text.StartsWith("are ", StringComparison.Ordinal);

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string Last(string path) => path[(path.LastIndexOf(':') + 1)..];

    [GeneratedRegex(@"^(?<path>(?:LiveRelay|AzureFunctionsJobHost)(?::[^\s:]+)+)(?<colon>:)?(?=\s)")]
    private static partial Regex LeadingPath();
}
