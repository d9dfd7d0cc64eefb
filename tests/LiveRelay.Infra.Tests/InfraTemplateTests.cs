using System.Reflection;
using System.Text.Json;
using LiveRelay.AlibabaCloud.Client;
using LiveRelay.Hosting;

namespace LiveRelay.Infra.Tests;

/// <summary>
/// infra/ builds and lints clean with the Bicep CLI, and the ARM template it compiles to deploys what docs/deployment.md's
/// "Deploy to Azure" section promises, with the app settings the Functions app reads.
/// </summary>
public sealed class InfraTemplateTests(CompiledInfra infra) : IClassFixture<CompiledInfra>
{
    // Built-in role definition ids (they are the same in every Azure tenant).
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";
    private const string KeyVaultSecretsOfficer = "b86a8fe4-44ce-4948-aee5-eccb2c155cd7";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";
    private const string Owner = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
    private const string Contributor = "b24988ac-6180-42a0-ab88-20f7382dd24c";
    private const string StorageAccountContributor = "17d1049b-9a84-46fb-8f53-869881c3d3ab";

    [Fact]
    public void Lint_reports_no_error_and_no_warning()
    {
        Assert.True(infra.Lint.ExitCode == 0, infra.Lint.Output);
        Assert.DoesNotContain(": Warning ", infra.Lint.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(": Error ", infra.Lint.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_app_runs_on_Flex_Consumption_as_dotnet_isolated_10_over_HTTPS_with_TLS_1_2_and_no_basic_auth()
    {
        var plan = Assert.Single(infra.OfType("Microsoft.Web/serverfarms"));
        Assert.Equal("FC1", plan.GetProperty("sku").GetProperty("name").GetString());
        Assert.Equal("FlexConsumption", plan.GetProperty("sku").GetProperty("tier").GetString());

        var site = Assert.Single(infra.OfType("Microsoft.Web/sites")).GetProperty("properties");
        var runtime = site.GetProperty("functionAppConfig").GetProperty("runtime");
        Assert.Equal(("dotnet-isolated", "10.0"), (runtime.GetProperty("name").GetString(), runtime.GetProperty("version").GetString()));
        Assert.True(site.GetProperty("httpsOnly").GetBoolean());
        var siteConfig = site.GetProperty("siteConfig");
        Assert.Equal("1.2", siteConfig.GetProperty("minTlsVersion").GetString());
        Assert.Equal("Disabled", siteConfig.GetProperty("ftpsState").GetString());
        Assert.All(infra.OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies"), static p => Assert.False(p.GetProperty("properties").GetProperty("allow").GetBoolean()));
        Assert.NotEmpty(infra.OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies"));
    }

    [Fact]
    public void Storage_takes_no_shared_keys_only_TLS_1_2_and_has_the_four_queues()
    {
        var storage = Assert.Single(infra.OfType("Microsoft.Storage/storageAccounts")).GetProperty("properties");
        Assert.False(storage.GetProperty("allowSharedKeyAccess").GetBoolean());
        Assert.False(storage.GetProperty("allowBlobPublicAccess").GetBoolean());
        Assert.Equal("TLS1_2", storage.GetProperty("minimumTlsVersion").GetString());

        var queueNames = infra.Template.GetProperty("variables").GetProperty("queueNames").EnumerateArray().Select(static q => q.GetString()).Order();
        Assert.Equal(["live-events", "live-events-poison", "live-messages", "live-messages-poison"], queueNames);
        Assert.NotEmpty(infra.OfType("Microsoft.Storage/storageAccounts/queueServices/queues"));

        // The fleet pacing table and the delivery ledger, made by the template so the identity needs data access only.
        Assert.NotEmpty(infra.OfType("Microsoft.Storage/storageAccounts/tableServices/tables"));
    }

    [Fact]
    public void Key_Vault_uses_RBAC_and_Application_Insights_takes_no_instrumentation_key()
    {
        var vault = Assert.Single(infra.OfType("Microsoft.KeyVault/vaults")).GetProperty("properties");
        Assert.True(vault.GetProperty("enableRbacAuthorization").GetBoolean());
        Assert.True(vault.GetProperty("enableSoftDelete").GetBoolean());

        var insights = Assert.Single(infra.OfType("Microsoft.Insights/components")).GetProperty("properties");
        Assert.True(insights.GetProperty("DisableLocalAuth").GetBoolean());
    }

    [Fact]
    public void The_identity_gets_the_documented_roles_and_no_broad_ones()
    {
        var strings = infra.Strings().ToHashSet(StringComparer.OrdinalIgnoreCase);

        Assert.Contains(StorageBlobDataOwner, strings);
        Assert.Contains(StorageQueueDataContributor, strings);
        Assert.Contains(StorageTableDataContributor, strings);
        Assert.Contains(KeyVaultSecretsUser, strings);
        Assert.Contains(MonitoringMetricsPublisher, strings);
        Assert.Contains(KeyVaultSecretsOfficer, strings);
        Assert.DoesNotContain(Owner, strings);
        Assert.DoesNotContain(Contributor, strings);
        Assert.DoesNotContain(StorageAccountContributor, strings);
        Assert.True(infra.OfType("Microsoft.Authorization/roleAssignments").Count() >= 6);
    }

    [Fact]
    public void The_app_settings_are_identity_based_and_hold_no_secret()
    {
        var names = infra.AppSettingNames();

        // What the runtime and the app need in Azure, and read from nowhere else.
        Assert.Subset(names.ToHashSet(), new HashSet<string>
        {
            "AzureWebJobsStorage__blobServiceUri",
            "AzureWebJobsStorage__queueServiceUri",
            "AzureWebJobsStorage__tableServiceUri",
            "AzureWebJobsStorage__credential",
            "AzureWebJobsStorage__clientId",
            "APPLICATIONINSIGHTS_CONNECTION_STRING",
            "LiveRelay__KeyVault__Uri",
            "LiveRelay__KeyVault__ManagedIdentityClientId",
        });
        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());

        // No connection string, key or secret value; no worker runtime setting (Flex reads functionAppConfig.runtime).
        string[] forbidden =
        [
            "AzureWebJobsStorage", "APPINSIGHTS_INSTRUMENTATIONKEY", "FUNCTIONS_WORKER_RUNTIME", "FUNCTIONS_EXTENSION_VERSION",
            "LiveRelay__AlibabaCloud__AccessKeyId", "LiveRelay__AlibabaCloud__AccessKeySecret", "LiveRelay__AlibabaCloud__SecurityToken",
        ];
        Assert.Empty(names.Intersect(forbidden, StringComparer.OrdinalIgnoreCase));
        Assert.DoesNotContain(names, static n => n.StartsWith("LiveRelay__FunctionKeys", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Every_LiveRelay_app_setting_binds_to_an_option_the_app_reads()
    {
        var sections = new[] { typeof(RelayService).Assembly, typeof(AlibabaCloudOptions).Assembly }
            .SelectMany(static a => a.GetExportedTypes())
            .Select(static t => (Type: t, Section: t.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() as string))
            .Where(static t => t.Section is not null)
            .ToDictionary(static t => t.Section!, static t => t.Type, StringComparer.OrdinalIgnoreCase);

        foreach (var name in infra.AppSettingNames().Where(static n => n.StartsWith("LiveRelay__", StringComparison.Ordinal)))
        {
            var parts = name.Split("__");
            Assert.True(parts.Length >= 3, $"{name}: expected LiveRelay__<Section>[__<Subsection>]__<Setting>");
            var section = string.Join(':', parts[..^1]);
            Assert.True(sections.TryGetValue(section, out var options), $"{name}: no options class reads section {section}");
            var property = options!.GetProperty(parts[^1], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            Assert.True(property is { CanWrite: true }, $"{name}: {options.Name} has no settable {parts[^1]}");
        }
    }
}
