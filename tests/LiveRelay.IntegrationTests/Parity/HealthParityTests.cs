using System.Net;
using LiveRelay.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace LiveRelay.IntegrationTests.Parity;

/// <summary><c>GET /api/health</c>, without a key, on both hosts.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class HealthParityTests(IntegrationEnvironment environment, ITestOutputHelper output)
{
    [Theory]
    [InlineData(HostKind.Standalone)]
    [InlineData(HostKind.Functions)]
    public async Task Health_answers_ok_without_a_key_and_is_not_cached(HostKind kind)
    {
        await using var host = await ParityHost.StartAsync(kind, RelaySettings.For(null, environment.Emulator), output);
        using var anonymous = host.NewClient();

        using var answer = await anonymous.GetAsync(new Uri("/api/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("application/json", answer.Content.Headers.ContentType?.MediaType);
        Assert.Equal("""{"status":"ok"}""", await answer.Content.ReadAsStringAsync());
        Assert.True(answer.Headers.CacheControl?.NoStore, $"Cache-Control: {answer.Headers.CacheControl}");
    }
}
