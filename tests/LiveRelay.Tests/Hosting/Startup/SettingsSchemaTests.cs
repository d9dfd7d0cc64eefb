using LiveRelay.Hosting.Startup;
using LiveRelay.Testing;
using LiveRelay.Tests.Intake;
using Microsoft.Extensions.Configuration;

namespace LiveRelay.Tests.Hosting.Startup;

public sealed class SettingsSchemaTests
{
    [Fact]
    public void A_misspelled_key_is_refused_with_its_full_path_and_the_closest_valid_name()
    {
        var problems = Find(new()
        {
            ["LiveRelay:Sources:shop:Verification:Scheme"] = "none",
            ["LiveRelay:Sources:shop:Fliter:0:Path"] = "$.topic",
        });

        var problem = Assert.Single(problems);
        Assert.Equal("LiveRelay:Sources:shop:Fliter", problem.Path);
        Assert.Contains("Did you mean 'Filter'?", problem.Problem, StringComparison.Ordinal);
        Assert.Equal("Rename it to 'Filter' (LiveRelay:Sources:shop:Filter).", problem.Fix);
    }

    [Fact]
    public void A_key_inside_a_list_entry_is_named_with_its_index_and_one_far_from_any_name_lists_the_valid_ones()
    {
        var problems = Find(new()
        {
            ["LiveRelay:Sources:shop:Rules:0:Kind"] = "user",
            ["LiveRelay:Sources:shop:Rules:0:Fliter:0:Path"] = "$.topic",
            ["LiveRelay:Sources:shop:Rules:1:Paramters:AppId"] = "a",
        });

        Assert.Equal(["LiveRelay:Sources:shop:Rules:0:Fliter", "LiveRelay:Sources:shop:Rules:1:Paramters"], problems.Select(p => p.Path));
        Assert.Contains("Content, ForEach, Kind, Name, Parameters, When", problems[0].Fix, StringComparison.Ordinal);
        Assert.Contains("Did you mean 'Parameters'?", problems[1].Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_that_are_data_are_free_source_names_secret_names_parameters_and_content_trees()
    {
        var problems = Find(new()
        {
            ["LiveRelay:Sources:Any-Name_1:Verification:SecretNames:0"] = "whatever",
            ["LiveRelay:Sources:Any-Name_1:Rules:0:Parameters:AppId"] = "a",
            ["LiveRelay:Sources:Any-Name_1:Rules:0:Content:deep:er:0:still"] = "{$.x}",
            ["LiveRelay:Secrets:some-secret"] = "value",
            ["LiveRelay:FunctionKeys:Keys:ci"] = "key",
            ["LiveRelay:Delivery:Fleet:TableName"] = "t",
            ["LiveRelay:Delivery:Ledger:Retention"] = "1.00:00:00",
            ["LiveRelay:Delivery:MaxAttempts"] = "3",
            ["LiveRelay:SourcesFile"] = "sources.json",
            ["liverelay:sources:lower:filter:0:path"] = "$.a",
        });

        Assert.Empty(problems);
    }

    [Fact]
    public void Admin_keys_by_name_or_index_and_key_secret_names_are_known_and_a_misspelled_admin_setting_is_not()
    {
        var problems = Find(new()
        {
            ["LiveRelay:Admin:Keys:ops"] = "k1",
            ["LiveRelay:Admin:Keys:0"] = "k2",
            ["LiveRelay:Admin:KeySecretNames:0"] = "liverelay-admin-key",
            ["LiveRelay:Admin:KeySecretName"] = "liverelay-admin-key",
        });

        var problem = Assert.Single(problems);
        Assert.Equal("LiveRelay:Admin:KeySecretName", problem.Path);
        Assert.Contains("Did you mean 'KeySecretNames'?", problem.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Keys_outside_LiveRelay_belong_to_others_and_are_not_looked_at()
    {
        Assert.Empty(Find(new()
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["AzureFunctionsJobHost:extensions:queues:batchSize"] = "8",
            ["LiveRelayExtra:Whatever"] = "x",
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
        }));
    }

    [Fact]
    public void A_section_where_a_value_belongs_and_a_named_entry_in_a_list_are_refused()
    {
        var problems = Find(new()
        {
            ["LiveRelay:Delivery:MaxAttempts:Value"] = "3",
            ["LiveRelay:Sources:shop:Rules:first:Kind"] = "user",
            ["LiveRelay:Source:shop:Format"] = "json",
        });

        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.Path == "LiveRelay:Delivery:MaxAttempts:Value" && p.Problem.Contains("single value", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Path == "LiveRelay:Sources:shop:Rules:first" && p.Problem.Contains("is a list", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Path == "LiveRelay:Source" && p.Problem.Contains("Did you mean 'Sources'?", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_setting_in_the_samples_and_the_documented_source_examples_is_known()
    {
        var sample = new ConfigurationBuilder().AddJsonFile(RepoPaths.InRepo("local.settings.sample.json")).Build();
        var flat = sample.GetSection("Values").AsEnumerable(makePathsRelative: true)
            .Where(static kv => kv.Value is not null)
            .ToDictionary(static kv => kv.Key.Replace("__", ":", StringComparison.Ordinal), static kv => kv.Value);
        Assert.Empty(SettingsSchema.LiveRelay.FindUnknown(new ConfigurationBuilder().AddInMemoryCollection(flat).Build()));

        var demo = new ConfigurationBuilder().AddJsonFile(RepoPaths.InRepo("src", "LiveRelay.Standalone", "Demo", "demo.settings.json")).Build();
        Assert.Empty(SettingsSchema.LiveRelay.FindUnknown(demo));

        var examples = DocumentedExamples.All("example-config").ToList();
        Assert.NotEmpty(examples);
        foreach (var (file, name, example) in examples)
        {
            var problems = SettingsSchema.LiveRelay.FindUnknown(IntakeTestHost.FromJson(example));
            Assert.True(problems.Count == 0, $"{file} {name}: {string.Join("; ", problems.Select(p => p.Path))}");
        }
    }

    private static IReadOnlyList<StartupProblem> Find(Dictionary<string, string?> settings) =>
        SettingsSchema.LiveRelay.FindUnknown(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
}
