using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace LiveRelay.Harness.Sources;

/// <summary>Signs webhooks as a Standard Webhooks sender does: <c>v1,base64(HMAC-SHA256(key, "{id}.{timestamp}.{body}"))</c>.</summary>
internal sealed class StandardWebhookSigner(byte[] key)
{
    /// <summary>The secret as the receiving source stores it.</summary>
    public string Secret { get; } = "whsec_" + Convert.ToBase64String(key);

    /// <summary>A POST of <paramref name="body"/> to <paramref name="address"/>, signed now with <paramref name="webhookId"/>.</summary>
    public HttpRequestMessage CreateRequest(Uri address, string webhookId, byte[] body)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, address) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("webhook-id", webhookId);
        request.Headers.Add("webhook-timestamp", timestamp);
        request.Headers.Add("webhook-signature", "v1," + Sign(webhookId, timestamp, body));
        return request;
    }

    private string Sign(string id, string timestamp, byte[] body)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        hmac.AppendData(Encoding.UTF8.GetBytes($"{id}.{timestamp}."));
        hmac.AppendData(body);
        return Convert.ToBase64String(hmac.GetHashAndReset());
    }
}
