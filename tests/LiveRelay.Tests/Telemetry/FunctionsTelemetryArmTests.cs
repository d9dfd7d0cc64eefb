using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;
using LiveRelay.Functions.Telemetry;
using LiveRelay.Telemetry;
using LiveRelay.Testing;

namespace LiveRelay.Tests.Telemetry;

/// <summary>
/// The ARM template Azure receives (infra/main.bicep compiled by the Bicep CLI) gives the Functions app what its
/// telemetry registrations read: the Application Insights connection string and an authentication string naming the
/// app's managed identity, on a component that refuses instrumentation-key ingestion, with the identity allowed to
/// publish metrics.
/// </summary>
public sealed class FunctionsTelemetryArmTests
{
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";

    private static readonly Lazy<string> Arm = new(CompileMainTemplate);

    [Fact]
    public void The_function_app_gets_the_connection_string_and_an_Entra_authentication_string_for_its_own_identity()
    {
        var settings = FunctionAppSettingsExpression();

        Assert.Contains($"createObject('name', '{FunctionsTelemetry.ConnectionStringSetting}', 'value', parameters('applicationInsightsConnectionString'))", settings, StringComparison.Ordinal);
        Assert.Contains(
            $"createObject('name', '{ApplicationInsightsAuthentication.SettingName}', 'value', format('ClientId={{0}};Authorization=AAD', parameters('identityClientId')))",
            settings,
            StringComparison.Ordinal);

        // The client id is the user-assigned identity's, and the connection string is the monitoring module's.
        var functionApp = Deployment("function-app");
        Assert.Contains("'identity'", (string)functionApp["properties"]!["parameters"]!["identityClientId"]!["value"]!, StringComparison.Ordinal);
        Assert.Contains("outputs.clientId.value", (string)functionApp["properties"]!["parameters"]!["identityClientId"]!["value"]!, StringComparison.Ordinal);
        Assert.Contains("outputs.connectionString.value", (string)functionApp["properties"]!["parameters"]!["applicationInsightsConnectionString"]!["value"]!, StringComparison.Ordinal);
    }

    [Fact]
    public void Application_Insights_takes_Entra_authenticated_telemetry_only_and_the_identity_may_publish_metrics()
    {
        var component = Assert.Single(Objects(JsonNode.Parse(Arm.Value)!), static o => (string?)o["type"] == "Microsoft.Insights/components");
        Assert.True((bool)component["properties"]!["DisableLocalAuth"]!);
        Assert.Contains(MonitoringMetricsPublisher, Arm.Value, StringComparison.Ordinal);
    }

    private static string FunctionAppSettingsExpression()
    {
        var site = Assert.Single(
            Objects(Deployment("function-app")),
            static o => (string?)o["type"] == "Microsoft.Web/sites" && o["properties"]?["siteConfig"]?["appSettings"] is not null);
        // One ARM expression string: concat(createArray(createObject('name', ..., 'value', ...), ...), ...).
        return site["properties"]!["siteConfig"]!["appSettings"]!.GetValue<string>();
    }

    private static JsonObject Deployment(string name) =>
        Assert.Single(
            Objects(JsonNode.Parse(Arm.Value)!),
            o => (string?)o["type"] == "Microsoft.Resources/deployments" && ((string?)o["name"])?.Contains(name, StringComparison.Ordinal) == true
                && o["properties"]?["template"] is not null);

    private static IEnumerable<JsonObject> Objects(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                yield return obj;
                foreach (var child in obj.Select(static p => p.Value).OfType<JsonNode>().SelectMany(Objects))
                {
                    yield return child;
                }

                break;
            case JsonArray array:
                foreach (var child in array.OfType<JsonNode>().SelectMany(Objects))
                {
                    yield return child;
                }

                break;
        }
    }

    private static string CompileMainTemplate()
    {
        var packages = typeof(FunctionsTelemetryArmTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(static a => a.Key == "NuGetPackageRoot").Value!;
        var bicep = Path.Combine(packages, "azure.bicep.commandline.linux-x64", "0.49.2", "tools", "bicep");
        var start = new ProcessStartInfo(bicep)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("build");
        start.ArgumentList.Add(Path.Combine(RepoPaths.Root, "infra", "main.bicep"));
        start.ArgumentList.Add("--stdout");
        start.Environment["BICEP_TRACING_ENABLED"] = "false";
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var arm = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "bicep build did not finish within 2 minutes.");
        Assert.True(process.ExitCode == 0, $"bicep build failed: {stderr.Result}");
        return arm;
    }
}
