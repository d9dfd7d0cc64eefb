using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace LiveRelay.IntegrationTests.Infrastructure;

/// <summary>
/// The webhook sources the tests configure, and signed requests for them.
/// <c>orders</c>: HMAC-SHA256 in <c>X-Orders-Signature</c>; one SendLiveMessageUser per entry of <c>$.recipients</c>,
/// to app <c>$.appId</c>, with <c>$.text</c> as the body. <c>rooms</c>: no verification; one SendMessageToGroup per
/// entry of <c>$.rooms</c>. <c>grid</c>: Azure Event Grid events, one SendMessageToGroup per event to the group named in
/// <c>$.subject</c>.
/// </summary>
public static class TestSources
{
    public const string Orders = "orders";
    public const string Rooms = "rooms";
    public const string Grid = "grid";
    public const string OrdersSecretName = "orders-webhook-secret";

    /// <summary>Letters and digits only, so that no encoding of it differs from it (the log test searches for it as is).</summary>
    public const string OrdersWebhookSecret = "OrdersWebhookSecretK3m8Xq2Zv7";

    public const string SignatureHeader = "X-Orders-Signature";

    public static IEnumerable<KeyValuePair<string, string?>> Settings()
    {
        const string orders = "LiveRelay:Sources:" + Orders;
        const string rooms = "LiveRelay:Sources:" + Rooms;
        const string grid = "LiveRelay:Sources:" + Grid;
        return new Dictionary<string, string?>
        {
            [$"LiveRelay:Secrets:{OrdersSecretName}"] = OrdersWebhookSecret,
            [$"{orders}:Verification:Scheme"] = "hmac",
            [$"{orders}:Verification:Header"] = SignatureHeader,
            [$"{orders}:Verification:Prefix"] = "sha256=",
            [$"{orders}:Verification:SecretNames:0"] = OrdersSecretName,
            [$"{orders}:EventId:Path"] = "$.id",
            [$"{orders}:Rules:0:Name"] = "notify",
            [$"{orders}:Rules:0:Kind"] = "user",
            [$"{orders}:Rules:0:ForEach"] = "$.recipients",
            [$"{orders}:Rules:0:Parameters:AppId"] = "{$.appId}",
            [$"{orders}:Rules:0:Parameters:ReceiverId"] = "{@}",
            [$"{orders}:Rules:0:Parameters:SenderId"] = "shop",
            [$"{orders}:Rules:0:Parameters:MsgType"] = "10001",
            [$"{orders}:Rules:0:Parameters:Body"] = "{$.text}",
            [$"{rooms}:Verification:Scheme"] = "none",
            [$"{rooms}:EventId:Path"] = "$.id",
            [$"{rooms}:Rules:0:Name"] = "announce",
            [$"{rooms}:Rules:0:Kind"] = "group",
            [$"{rooms}:Rules:0:ForEach"] = "$.rooms",
            [$"{rooms}:Rules:0:Parameters:AppId"] = "{$.appId}",
            [$"{rooms}:Rules:0:Parameters:GroupId"] = "{@}",
            [$"{rooms}:Rules:0:Parameters:OperatorUserId"] = "relay",
            [$"{rooms}:Rules:0:Parameters:Type"] = "10010",
            [$"{rooms}:Rules:0:Content:text"] = "{$.text}",
            [$"{grid}:Format"] = "eventGrid",
            [$"{grid}:Verification:Scheme"] = "none",
            [$"{grid}:Rules:0:Name"] = "event",
            [$"{grid}:Rules:0:Kind"] = "group",
            [$"{grid}:Rules:0:Parameters:AppId"] = EmulatorServer.AppId,
            [$"{grid}:Rules:0:Parameters:GroupId"] = "{$.subject}",
            [$"{grid}:Rules:0:Parameters:OperatorUserId"] = "grid",
            [$"{grid}:Rules:0:Content:type"] = "{$.eventType}",
        };
    }

    /// <summary>The <c>orders</c> event JSON: one message per recipient.</summary>
    public static string OrderEvent(string eventId, IEnumerable<string> recipients, string appId = EmulatorServer.AppId, string text = "Your order has shipped") =>
        JsonSerializer.Serialize(new { id = eventId, appId, text, recipients = recipients.ToArray() });

    /// <summary>A signed <c>POST /api/webhooks/orders</c>.</summary>
    public static HttpRequestMessage SignedOrderWebhook(string body, string secret = OrdersWebhookSecret)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), bytes));
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/api/webhooks/{Orders}", UriKind.Relative))
        {
            Content = new ByteArrayContent(bytes),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(SignatureHeader, "sha256=" + signature);
        return request;
    }

    /// <summary>Receiver ids <c>{prefix}0001</c>, <c>{prefix}0002</c>, ... (letters and digits).</summary>
    public static IReadOnlyList<string> Recipients(string prefix, int count) =>
        Enumerable.Range(1, count).Select(i => prefix + i.ToString("D4", CultureInfo.InvariantCulture)).ToList();
}
