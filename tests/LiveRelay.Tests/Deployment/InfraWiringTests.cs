using System.Text.Json;
using System.Text.RegularExpressions;
using LiveRelay.Delivery.Pacing.Fleet;
using LiveRelay.Testing;

namespace LiveRelay.Tests.Deployment;

/// <summary>The pieces azd and the app rely on are wired to each other: parameters, service tag, pacing, storage identity, local defaults.</summary>
public sealed class InfraWiringTests
{
    private static readonly InfraTemplates Infra = InfraTemplates.Load(RepoPaths.Root);

    [Fact]
    public void Maximum_instance_count_caps_the_scale_out_and_sets_the_fallback_share_for_three_function_groups()
    {
        var app = Infra.Files.Single(f => f.Code.Contains("scaleAndConcurrency", StringComparison.Ordinal));
        var cap = Regex.Match(app.Code, @"\bmaximumInstanceCount:\s*(?<id>[A-Za-z_]\w*)");
        var fallback = Infra.AppSettings().SingleOrDefault(s => s.Key == "LiveRelay:Delivery:Fleet:FallbackSenderCount");

        Assert.True(cap.Success, $"{app.RelativePath}: scaleAndConcurrency.maximumInstanceCount must come from a parameter.");
        Assert.True(fallback is not null, $"{app.RelativePath}: no LiveRelay__Delivery__Fleet__FallbackSenderCount app setting.");
        Assert.Equal($"string(3 * {cap.Groups["id"].Value})", fallback.Value);
        Assert.Matches(@"\bmaximumInstanceCount:\s*maximumInstanceCount\b", Infra.Main.Code);

        // Flex Consumption refuses fewer than 40 in most regions: the default must deploy anywhere.
        Assert.Matches(@"@minValue\(40\)\s*@maxValue\(1000\)\s*param maximumInstanceCount int = (\d{3,}|[4-9]\d)\b", Infra.Main.Code);
    }

    [Fact]
    public void Fleet_pacing_reaches_the_table_the_template_creates_with_the_identity_and_the_table_data_role()
    {
        var settings = Infra.AppSettings().ToDictionary(s => s.Name, s => s.Value, StringComparer.OrdinalIgnoreCase);
        var table = Regex.Match(Infra.Main.Code, @"\bvar\s+pacingTableName\s*=\s*'(?<name>[^']+)'");

        Assert.True(table.Success, $"{InfraTemplates.MainFile} must name the pacing table (var pacingTableName).");
        Assert.Equal(new FleetPacingOptions().TableName, table.Groups["name"].Value);
        Assert.Equal("pacingTableName", settings.GetValueOrDefault("LiveRelay__Delivery__Fleet__TableName"));
        Assert.Equal("storageTableEndpoint", settings.GetValueOrDefault("AzureWebJobsStorage__tableServiceUri"));
        Assert.Contains(Infra.Files, f => f.Code.Contains("tableServices/tables@", StringComparison.Ordinal));
        var roles = Infra.Files.Single(f => f.Code.Contains("roleIds", StringComparison.Ordinal));
        Assert.Contains("storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'", roles.Code, StringComparison.Ordinal);
        Assert.Contains("roleIds.storageTableDataContributor)", roles.Code, StringComparison.Ordinal);
    }

    [Fact]
    public void Parameters_file_sets_only_parameters_main_bicep_declares_and_every_one_without_a_default()
    {
        using var parameters = JsonDocument.Parse(File.ReadAllText(RepoPaths.InRepo("infra", "main.parameters.json")));
        var set = parameters.RootElement.GetProperty("parameters").EnumerateObject().Select(p => p.Name).ToList();
        var declared = InfraTemplates.ParametersOf(Infra.Main);
        var withDefault = InfraTemplates.ParametersWithDefaultOf(Infra.Main);

        Assert.Empty(set.Except(declared, StringComparer.Ordinal));
        Assert.Empty(declared.Except(withDefault, StringComparer.Ordinal).Except(set, StringComparer.Ordinal));
    }

    [Fact]
    public void Azure_yaml_deploys_the_Functions_project_to_the_app_the_Bicep_tags_for_it()
    {
        var (service, properties) = OnlyAzdService(File.ReadAllLines(RepoPaths.InRepo("azure.yaml")));
        var tagged = Regex.Match(Infra.Main.Code, @"\bvar\s+serviceName\s*=\s*'(?<name>[^']+)'");

        Assert.True(tagged.Success, $"{InfraTemplates.MainFile} must declare var serviceName (the azd-service-name tag).");
        Assert.Equal(tagged.Groups["name"].Value, service);
        Assert.Contains(Infra.Files, f => Regex.IsMatch(f.Code, @"'azd-service-name':\s*serviceName\b"));
        Assert.Equal("./src/LiveRelay.Functions", properties.GetValueOrDefault("project")?.TrimEnd('/'));
        Assert.Equal("function", properties.GetValueOrDefault("host"));
        Assert.Equal("dotnet", properties.GetValueOrDefault("language"));
    }

    [Fact]
    public void Functions_host_storage_is_reached_with_the_managed_identity_and_never_a_key()
    {
        var settings = Infra.AppSettings().ToDictionary(s => s.Name, s => s.Value, StringComparer.OrdinalIgnoreCase);

        Assert.Contains("AzureWebJobsStorage__blobServiceUri", settings.Keys);
        Assert.Contains("AzureWebJobsStorage__queueServiceUri", settings.Keys);
        Assert.Equal("'managedidentity'", settings.GetValueOrDefault("AzureWebJobsStorage__credential"));
        // The same user-assigned identity the app reads Key Vault with.
        Assert.Equal(settings.GetValueOrDefault("LiveRelay__KeyVault__ManagedIdentityClientId"), settings.GetValueOrDefault("AzureWebJobsStorage__clientId"));
        Assert.DoesNotContain("AzureWebJobsStorage", settings.Keys);
        Assert.DoesNotContain(settings.Keys, name => Regex.IsMatch(name, "(?i)accountKey|connectionString|sasToken"));
        Assert.DoesNotContain(settings.Keys, name => name is "FUNCTIONS_WORKER_RUNTIME" or "FUNCTIONS_EXTENSION_VERSION" or "WEBSITE_RUN_FROM_PACKAGE");
    }

    [Fact]
    public void Function_app_runs_dotnet_isolated_10_on_flex_consumption_from_an_identity_authenticated_package()
    {
        var app = Infra.Files.Single(f => f.Code.Contains("functionAppConfig", StringComparison.Ordinal));

        Assert.Matches(@"sku:\s*\{\s*name:\s*'FC1'\s*tier:\s*'FlexConsumption'", app.Code);
        Assert.Matches(@"runtime:\s*\{\s*name:\s*'dotnet-isolated'\s*version:\s*'10\.0'", app.Code);
        Assert.Matches(@"authentication:\s*\{\s*type:\s*'UserAssignedIdentity'", app.Code);
        Assert.Matches(@"type:\s*'UserAssigned'", app.Code);
    }

    [Fact]
    public void Local_sample_runs_against_Azurite_and_the_emulator_on_loopback()
    {
        var sample = LocalSettingsSample.Load(RepoPaths.Root);
        var endpoint = new Uri(sample.ValueOf("LiveRelay:AlibabaCloud:Endpoint") ?? "missing:");

        Assert.Equal("UseDevelopmentStorage=true", sample.ValueOf("AzureWebJobsStorage"));
        Assert.Equal("dotnet-isolated", sample.ValueOf("FUNCTIONS_WORKER_RUNTIME"));
        Assert.Equal("http://127.0.0.1:5081/", endpoint.AbsoluteUri);
        Assert.True(endpoint.IsLoopback, "A local run must never reach the real Live API by default.");
    }

    /// <summary>The one service under services: in azure.yaml and its scalar properties (a YAML subset is all azure.yaml needs here).</summary>
    private static (string Name, Dictionary<string, string> Properties) OnlyAzdService(string[] lines)
    {
        var start = Array.FindIndex(lines, l => l.TrimEnd() == "services:");
        Assert.True(start >= 0, "azure.yaml has no services: section.");
        var body = lines.Skip(start + 1)
            .Where(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#'))
            .TakeWhile(l => l.StartsWith(' '))
            .ToList();
        var services = body.Where(l => Regex.IsMatch(l, @"^ {2}[A-Za-z0-9_-]+:\s*$")).ToList();
        Assert.True(services.Count == 1, $"azure.yaml should declare exactly one service; found {services.Count}.");

        var properties = body.Skip(1)
            .Select(l => Regex.Match(l, @"^ {4}(?<key>[A-Za-z]+):\s*(?<value>\S.*?)\s*$"))
            .Where(m => m.Success)
            .ToDictionary(m => m.Groups["key"].Value, m => m.Groups["value"].Value, StringComparer.Ordinal);
        return (services[0].Trim().TrimEnd(':'), properties);
    }
}
