using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LiveRelay.Hosting.Startup;

/// <summary>
/// The configuration checks that need no network, run on a built host before it starts, so every mistake is reported
/// together: keys under <c>LiveRelay</c> that nothing reads (<see cref="SettingsSchema"/>) and every options class
/// validated at start-up (sources included). Signing secrets are checked when the host starts
/// (<see cref="SourceSecretsCheck"/>), since reading them may need the vault.
/// </summary>
public static class StartupPreflight
{
    /// <summary>Every problem found; empty when the configuration passes.</summary>
    public static IReadOnlyList<StartupProblem> Find(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var problems = new List<StartupProblem>(SettingsSchema.LiveRelay.FindUnknown(services.GetRequiredService<IConfiguration>()));
        try
        {
            services.GetService<IStartupValidator>()?.Validate();
        }
        catch (Exception ex) when (ex is OptionsValidationException or AggregateException)
        {
            problems.AddRange(StartupFailureReport.ProblemsOf(ex));
        }

        return problems;
    }

    /// <summary><see cref="Find"/>, throwing when there is anything to report.</summary>
    /// <exception cref="StartupConfigurationException">Every problem found.</exception>
    public static void Check(IServiceProvider services)
    {
        var problems = Find(services);
        if (problems.Count > 0)
        {
            throw new StartupConfigurationException(problems);
        }
    }
}
