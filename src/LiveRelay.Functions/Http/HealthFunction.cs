using LiveRelay.Hosting;
using LiveRelay.Secrets;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace LiveRelay.Functions.Http;

/// <summary><c>GET /api/health</c>, without a key: for probes and deployment checks; says which secret is missing, if any.</summary>
public sealed class HealthFunction(SecretsStatus secrets)
{
    [Function("Health")]
    public IActionResult Health([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request) =>
        new RelayHttpResult(RelayResponses.Health(secrets.Missing));
}
