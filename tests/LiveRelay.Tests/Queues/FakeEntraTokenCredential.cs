using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Azure.Core;

namespace LiveRelay.Tests.Queues;

/// <summary>
/// Hands out JWT-shaped tokens with the claims Azurite's "basic" OAuth mode checks (issuer, audience, lifetime),
/// and remembers the scopes it was asked for. The signature is not real: Azurite does not check it.
/// </summary>
internal sealed class FakeEntraTokenCredential(string audience = "https://storage.azure.com") : TokenCredential
{
    private readonly ConcurrentQueue<string> _issued = new();

    public ConcurrentQueue<string[]> RequestedScopes { get; } = new();

    public IReadOnlyCollection<string> Issued => _issued;

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        RequestedScopes.Enqueue(requestContext.Scopes);
        var now = DateTimeOffset.UtcNow;
        var expires = now.AddHours(1);
        var header = Segment(new { alg = "RS256", typ = "JWT" });
        var payload = Segment(new
        {
            aud = audience,
            iss = "https://sts.windows.net/00000000-0000-0000-0000-00000000000a/",
            iat = now.AddMinutes(-1).ToUnixTimeSeconds(),
            nbf = now.AddMinutes(-1).ToUnixTimeSeconds(),
            exp = expires.ToUnixTimeSeconds(),
            oid = Guid.NewGuid(),
        });
        var token = $"{header}.{payload}.{Base64Url(Encoding.UTF8.GetBytes("not-a-real-signature"))}";
        _issued.Enqueue(token);
        return new AccessToken(token, expires);
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));

    private static string Segment(object value) => Base64Url(JsonSerializer.SerializeToUtf8Bytes(value));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
