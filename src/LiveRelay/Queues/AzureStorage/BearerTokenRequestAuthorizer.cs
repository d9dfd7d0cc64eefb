using System.Net.Http.Headers;
using Azure.Core;

namespace LiveRelay.Queues.AzureStorage;

/// <summary>Entra ID tokens for Azure Storage, kept until five minutes before they expire (or the credential's refresh time).</summary>
internal sealed class BearerTokenRequestAuthorizer(TokenCredential credential, TimeProvider timeProvider) : IQueueRequestAuthorizer, IDisposable
{
    public const string Scope = "https://storage.azure.com/.default";
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private volatile CachedToken? _token;

    public async ValueTask AuthorizeAsync(HttpRequestMessage request, IReadOnlyList<KeyValuePair<string, string>> query, CancellationToken cancellationToken)
    {
        var token = await GetTokenAsync(cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public string Redact(string text) =>
        _token is { Value.Length: > 0 } token ? text.Replace(token.Value, "[redacted]", StringComparison.Ordinal) : text;

    public void Dispose() => _refresh.Dispose();

    private async ValueTask<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (_token is { } cached && cached.IsFreshAt(timeProvider.GetUtcNow()))
        {
            return cached.Value;
        }

        await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_token is { } current && current.IsFreshAt(timeProvider.GetUtcNow()))
            {
                return current.Value;
            }

            AccessToken token;
            try
            {
                token = await credential.GetTokenAsync(new TokenRequestContext([Scope]), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                throw new MessageQueueException(
                    string.Empty, "Authenticate", QueueErrorCodes.CredentialUnavailable,
                    $"No token for {Scope} from {credential.GetType().Name}: {ex.GetType().Name}.", innerException: ex);
            }

            var fresh = new CachedToken(token.Token, token.RefreshOn ?? token.ExpiresOn - RefreshMargin, token.ExpiresOn);
            _token = fresh;
            return fresh.Value;
        }
        finally
        {
            _refresh.Release();
        }
    }

    private sealed record CachedToken(string Value, DateTimeOffset RefreshAt, DateTimeOffset ExpiresOn)
    {
        public bool IsFreshAt(DateTimeOffset now) => now < RefreshAt && now < ExpiresOn;

        public override string ToString() => "[token redacted]";
    }
}
