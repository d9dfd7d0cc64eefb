using System.Collections.Concurrent;
using Azure.Core;

namespace LiveRelay.Tests.Secrets.Support;

/// <summary>Hands out one fixed access token and records what was asked for. No identity endpoint is called.</summary>
internal sealed class FixedTokenCredential(string token) : TokenCredential
{
    public ConcurrentQueue<TokenRequestContext> Requests { get; } = new();

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        Requests.Enqueue(requestContext);
        return new AccessToken(token, DateTimeOffset.UtcNow.AddHours(1));
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}
