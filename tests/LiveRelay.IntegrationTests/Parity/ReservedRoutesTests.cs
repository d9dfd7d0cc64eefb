using LiveRelay.FunctionsHost;

namespace LiveRelay.IntegrationTests.Parity;

/// <summary>The stand-in refuses what the Functions host would leave in error: HTTP routes it keeps for itself.</summary>
public sealed class ReservedRoutesTests
{
    [Theory]
    [InlineData("admin/poison/{queue}", null)]
    [InlineData("Admin", null)]
    [InlineData("/runtime/webhooks/x", null)]
    [InlineData(null, "adminStatus")]
    public void A_route_or_function_name_that_starts_with_admin_or_runtime_is_refused(string? route, string? name)
    {
        var function = Http(name ?? "anyName", route);

        var refused = Assert.Throws<WorkerFailedException>(() => ReservedRoutes.Check([function]));

        Assert.Contains("conflicts with one or more built in routes", refused.Message, StringComparison.Ordinal);
        Assert.Contains($"'{function.Name}'", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("manage/poison/{queue}")]
    [InlineData("webhooks/{source}")]
    [InlineData("health")]
    public void Other_routes_pass(string route) => ReservedRoutes.Check([Http("f", route)]);

    private static IndexedFunction Http(string name, string? route) =>
        new(name, "id-" + name, [new FunctionBinding("request", "httpTrigger", "In", route, ["get"], "anonymous", null, null)]);
}
