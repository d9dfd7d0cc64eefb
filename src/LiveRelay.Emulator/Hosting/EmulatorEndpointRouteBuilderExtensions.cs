using LiveRelay.Emulator.Api;
using LiveRelay.Emulator.Inspection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace LiveRelay.Emulator.Hosting;

public static class EmulatorEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the Live API at <c>/</c> (any method; the API answers GET and POST), the control endpoints under
    /// <c>/_emulator</c>, and the API's "not found" answer for every other path.
    /// </summary>
    public static IEndpointRouteBuilder MapLiveApiEmulator(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.Map("/", static context => context.RequestServices.GetRequiredService<LiveApiRequestHandler>().HandleAsync(context));
        ControlEndpoints.Map(endpoints);
        endpoints.MapFallback(static context => context.RequestServices.GetRequiredService<LiveApiRequestHandler>().HandleUnknownPathAsync(context));
        return endpoints;
    }
}
