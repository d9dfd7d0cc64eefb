using System.Net.Http.Headers;

namespace LiveRelay.Queues.AzureStorage;

internal sealed class SharedKeyRequestAuthorizer(StorageSharedKey key) : IQueueRequestAuthorizer
{
    private readonly string _keyText = Convert.ToBase64String(key.Key);

    public ValueTask AuthorizeAsync(HttpRequestMessage request, IReadOnlyList<KeyValuePair<string, string>> query, CancellationToken cancellationToken)
    {
        var stringToSign = SharedKeySignature.BuildStringToSign(request, key.AccountName, query);
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "SharedKey", $"{key.AccountName}:{SharedKeySignature.Sign(stringToSign, key.Key)}");
        return ValueTask.CompletedTask;
    }

    public string Redact(string text) => text.Replace(_keyText, "[redacted]", StringComparison.Ordinal);
}
