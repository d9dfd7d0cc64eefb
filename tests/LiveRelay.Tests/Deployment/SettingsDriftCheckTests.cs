namespace LiveRelay.Tests.Deployment;

/// <summary>The drift check finds each kind of drift and says exactly what to change.</summary>
public sealed class SettingsDriftCheckTests
{
    private const string Bicep = """
        resource app 'Microsoft.Web/sites@2024-11-01' = {
          properties: {
            siteConfig: {
              appSettings: [
                {
                  name: 'LiveRelay__Pacing__Rate'
                  value: string(rate)
                }
                // { name: 'LiveRelay__Pacing__Commented', value: 'x' }
                { name: 'LiveRelay__Pacing__Secret', value: 'x' }
                { name: 'LiveRelay__Pacing__Stale', value: 'x' }
              ]
            }
          }
        }
        """;

    private const string Sample = """
        { "Values": {
            "LiveRelay__Pacing__Secret": "dev",
            "LiveRelay__Pacing__Hosts__0": "a",
            "LiveRelay:Pacing:Unknown": "x",
            "LiveRelay__Sources__shop__Secret": "s"
        } }
        """;

    private static readonly SettingRule[] Rules =
    [
        new("LiveRelay:Pacing:Secret", Presence.Forbidden, Presence.Required, "local only"),
        new("LiveRelay:Pacing:Gone", Presence.Optional, Presence.Optional, "was removed"),
    ];

    [Fact]
    public void Names_a_setting_the_code_reads_but_the_deployment_does_not_set()
    {
        var problems = Check().InfraProblems().ToList();

        Assert.Contains(problems, p => p.StartsWith("'LiveRelay:Pacing:Hosts' (read by ", StringComparison.Ordinal)
            && p.Contains("PacingOptions.Hosts", StringComparison.Ordinal)
            && p.Contains("Add { name: 'LiveRelay__Pacing__Hosts', value: ... } to the appSettings in infra/modules/function-app.bicep", StringComparison.Ordinal)
            && p.Contains(SettingsDriftCheck.RulesFile, StringComparison.Ordinal));
    }

    [Fact]
    public void Names_a_forbidden_setting_the_deployment_sets_with_its_file_line_and_reason()
    {
        var problems = Check().InfraProblems().ToList();

        Assert.Contains("infra/modules/function-app.bicep:10: the deployment sets 'LiveRelay__Pacing__Secret', which must not be deployed: local only. Remove it.", problems);
    }

    [Fact]
    public void Names_an_app_setting_no_options_class_reads_and_lists_what_the_section_does_read()
    {
        var problems = Check().InfraProblems().ToList();

        Assert.Contains(problems, p => p.StartsWith("infra/modules/function-app.bicep:11: the deployment sets 'LiveRelay__Pacing__Stale', but no options class reads", StringComparison.Ordinal)
            && p.Contains("Under 'LiveRelay:Pacing' the code reads: Hosts, Rate, Secret.", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Contains("Commented", StringComparison.Ordinal));
    }

    [Fact]
    public void Names_missing_and_unknown_entries_of_the_local_sample()
    {
        var problems = Check().LocalSampleProblems().ToList();

        Assert.Contains(problems, p => p.StartsWith("local.settings.sample.json: Values lacks 'LiveRelay__Pacing__Rate' (read by ", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("local.settings.sample.json: Values.LiveRelay:Pacing:Unknown is read by no options class", StringComparison.Ordinal));
        // Hosts (an indexed list entry), Secret (listed) and Sources (user-defined) are fine.
        Assert.Equal(2, problems.Count);
    }

    [Fact]
    public void Names_a_rule_for_a_setting_the_code_no_longer_reads()
    {
        var problems = Check().RuleProblems().ToList();

        Assert.Single(problems);
        Assert.StartsWith($"{SettingsDriftCheck.RulesFile}: the rule for 'LiveRelay:Pacing:Gone' names no setting the code reads.", problems[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_nothing_when_deployment_sample_and_code_agree()
    {
        const string bicep = """
            appSettings: [
              { name: 'LiveRelay__Pacing__Rate', value: '5' }
              { name: 'LiveRelay__Pacing__Hosts__0', value: 'a' }
            ]
            """;
        const string sample = """{ "Values": { "LiveRelay__Pacing__Rate": "1", "LiveRelay:Pacing:Hosts:0": "a", "LiveRelay__Pacing__Secret": "dev" } }""";
        var check = new SettingsDriftCheck(
            OptionsCatalog.FromTypes([typeof(PacingOptions)], new Dictionary<string, string>()),
            InfraTemplates.FromFiles(BicepFile.FromText("infra/modules/function-app.bicep", bicep)).AppSettings(),
            LocalSettingsSample.Parse(sample),
            [Rules[0]]);

        Assert.Empty(check.InfraProblems());
        Assert.Empty(check.LocalSampleProblems());
        Assert.Empty(check.RuleProblems());
    }

    private static SettingsDriftCheck Check(params Type[] optionsTypes) => new(
        OptionsCatalog.FromTypes(optionsTypes.Length > 0 ? optionsTypes : [typeof(PacingOptions)], new Dictionary<string, string> { ["LiveRelay:Sources"] = "user" }),
        InfraTemplates.FromFiles(BicepFile.FromText("infra/modules/function-app.bicep", Bicep)).AppSettings(),
        LocalSettingsSample.Parse(Sample),
        Rules);

    private sealed class PacingOptions
    {
        public const string SectionName = "LiveRelay:Pacing";

        public int Rate { get; set; }

        public string? Secret { get; set; }

        public IReadOnlyList<string> Hosts { get; set; } = [];
    }
}
