using LiveRelay.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace LiveRelay.Functions.Http;

/// <summary><c>GET /api/health</c>, without a key: for probes and deployment checks.</summary>
public static class HealthFunction
{
    [Function("Health")]
    public static IActionResult Health([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request) =>
        new RelayHttpResult(RelayResponses.Health());
}
