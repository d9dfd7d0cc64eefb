using LiveRelay.Testing;
using Xunit.Abstractions;

namespace LiveRelay.Tests.Deployment;

/// <summary>
/// The settings the code reads (options classes, found by reflection), the app settings infra/ deploys and the
/// Values of local.settings.sample.json must agree, under the reasoned exceptions in <see cref="DeploymentSettingRules"/>.
/// Each failure names the setting, the file and the edit that fixes it.
/// </summary>
public sealed class DeploymentSettingsDriftTests(ITestOutputHelper output)
{
    private static readonly Lazy<SettingsDriftCheck> Check = new(() => new SettingsDriftCheck(
        OptionsCatalog.FromLiveRelayAssemblies(DeploymentSettingRules.UserDefinedSections),
        [.. InfraTemplates.Load(RepoPaths.Root).AppSettings(), .. InfraTemplates.ParameterFileAppSettings(RepoPaths.Root)],
        LocalSettingsSample.Load(RepoPaths.Root),
        DeploymentSettingRules.Rules));

    [Fact]
    public void Code_reads_settings_from_options_classes_the_check_can_see()
    {
        var catalog = OptionsCatalog.FromLiveRelayAssemblies(DeploymentSettingRules.UserDefinedSections);
        foreach (var (section, types) in catalog.Sections.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"{section}: {string.Join(", ", types)}");
        }

        // If reflection found nothing, every comparison below would pass vacuously.
        Assert.Contains(catalog.Settings, s => s.Key == "LiveRelay:AlibabaCloud:Endpoint");
    }

    [Fact]
    public void Deployment_sets_every_setting_the_code_needs_and_none_it_does_not_read()
    {
        AssertNone(Check.Value.InfraProblems());
    }

    [Fact]
    public void Local_sample_lists_every_setting_a_local_run_needs_and_none_the_code_does_not_read()
    {
        AssertNone(Check.Value.LocalSampleProblems());
    }

    [Fact]
    public void Every_exception_rule_names_a_setting_the_code_reads_and_gives_a_reason()
    {
        AssertNone(Check.Value.RuleProblems());
    }

    [Fact]
    public void Bicep_writes_every_LiveRelay_setting_as_a_name_value_entry_the_check_can_read()
    {
        AssertNone(InfraTemplates.Load(RepoPaths.Root).UnrecognisedLiveRelaySettingMentions()
            .Select(mention => $"{mention}: write app settings as {{ name: 'LiveRelay__...', value: ... }} entries in siteConfig.appSettings."));
    }


    private static void AssertNone(IEnumerable<string> problems)
    {
        var list = problems.ToList();
        Assert.True(list.Count == 0, $"{list.Count} problem(s):{Environment.NewLine}- {string.Join($"{Environment.NewLine}- ", list)}");
    }
}
