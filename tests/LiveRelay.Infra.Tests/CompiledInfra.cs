using System.Text.Json;
using System.Text.RegularExpressions;
using LiveRelay.Testing;

namespace LiveRelay.Infra.Tests;

/// <summary>infra/main.bicep built once with the Bicep CLI and linted, shared by the tests of a class.</summary>
public sealed partial class CompiledInfra : IAsyncLifetime
{
    private JsonDocument? _template;

    public static string MainBicep => RepoPaths.InRepo("infra", "main.bicep");

    public JsonElement Template => _template?.RootElement ?? throw new InvalidOperationException("Not built.");

    public (int ExitCode, string Output) Lint { get; private set; }

    /// <summary>Every resource, those of nested deployments (the modules) included.</summary>
    public IEnumerable<JsonElement> Resources => All(Template);

    public async Task InitializeAsync()
    {
        var built = await BicepCli.RunAsync("build", MainBicep, "--stdout");
        Assert.True(built.ExitCode == 0, $"bicep build failed: {built.Errors}");
        _template = JsonDocument.Parse(built.Output);
        var lint = await BicepCli.RunAsync("lint", MainBicep);
        Lint = (lint.ExitCode, lint.Output + lint.Errors);
    }

    public Task DisposeAsync()
    {
        _template?.Dispose();
        return Task.CompletedTask;
    }

    public IEnumerable<JsonElement> OfType(string type) =>
        Resources.Where(r => r.GetProperty("type").GetString()!.Equals(type, StringComparison.OrdinalIgnoreCase));

    /// <summary>The names of the function app's app settings (compiled to one ARM expression: read from its createObject calls).</summary>
    public IReadOnlyList<string> AppSettingNames()
    {
        var site = Assert.Single(OfType("Microsoft.Web/sites"));
        var expression = site.GetProperty("properties").GetProperty("siteConfig").GetProperty("appSettings").GetString()!;
        return [.. AppSettingName().Matches(expression).Select(static m => m.Groups[1].Value)];
    }

    /// <summary>Every string in the template (role definition ids and the like are literals in variables).</summary>
    public IEnumerable<string> Strings() => StringsIn(Template);

    private static IEnumerable<JsonElement> All(JsonElement template)
    {
        var resources = template.GetProperty("resources");
        var items = resources.ValueKind == JsonValueKind.Object ? resources.EnumerateObject().Select(static p => p.Value) : resources.EnumerateArray();
        foreach (var resource in items)
        {
            yield return resource;
            if (resource.GetProperty("type").GetString() == "Microsoft.Resources/deployments")
            {
                foreach (var nested in All(resource.GetProperty("properties").GetProperty("template")))
                {
                    yield return nested;
                }
            }
        }
    }

    private static IEnumerable<string> StringsIn(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Object => element.EnumerateObject().SelectMany(static p => StringsIn(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(StringsIn),
        _ => [],
    };

    [GeneratedRegex(@"createObject\('name', '([^']+)'")]
    private static partial Regex AppSettingName();
}
