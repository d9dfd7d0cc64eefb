using System.Text.Json.Nodes;
using LiveRelay.Functions.Telemetry;
using LiveRelay.Telemetry;

namespace LiveRelay.Infra.Tests;

/// <summary>
/// The ARM template Azure receives (infra/main.bicep compiled by the Bicep CLI) gives the Functions app what its
/// telemetry registrations read: the Application Insights connection string and an authentication string naming the
/// app's managed identity (InfraTemplateTests checks that the component refuses instrumentation keys and that the
/// identity may publish metrics).
/// </summary>
public sealed class FunctionsTelemetryArmTests(CompiledInfra infra) : IClassFixture<CompiledInfra>
{
    private string Arm => infra.Template.GetRawText();

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

    private string FunctionAppSettingsExpression()
    {
        var site = Assert.Single(
            Objects(Deployment("function-app")),
            static o => (string?)o["type"] == "Microsoft.Web/sites" && o["properties"]?["siteConfig"]?["appSettings"] is not null);
        // One ARM expression string: concat(createArray(createObject('name', ..., 'value', ...), ...), ...).
        return site["properties"]!["siteConfig"]!["appSettings"]!.GetValue<string>();
    }

    private JsonObject Deployment(string name) =>
        Assert.Single(
            Objects(JsonNode.Parse(Arm)!),
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
}
