using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LiveRelay.Intake;
using Microsoft.Extensions.Primitives;

namespace LiveRelay.Tests.Hosting.Support;

/// <summary>
/// Sources for the hosting tests. <c>shop</c> signs with HMAC-SHA256 and sends one user message per customer, to the
/// app its event names (so a test can pick one the emulator does not know); <c>shop-direct</c> is the same with direct
/// delivery; <c>locked</c> names a secret that exists at start-up (a start without it fails) and that a test removes to make it unreadable; <c>bulletin</c> posts its unsigned event's <c>data</c> to a
/// group (group <c>Data</c> has no size limit of its own); <c>grid</c> takes Event Grid events.
/// </summary>
internal static class TestSources
{
    public const string ShopSecretName = "shop-secret";
    public const string ShopSecret = "s3cr3t-for-tests-only";
    public const string SignatureHeader = "X-Shop-Signature";
    public const string LockedSecretName = "locked-secret";

    public const string All = """
        {
          "shop": {
            "Verification": { "Scheme": "hmac", "Header": "X-Shop-Signature", "Prefix": "sha256=", "SecretNames": [ "shop-secret" ] },
            "EventId": { "Path": "$.id" },
            "Rules": [ {
              "Name": "shipped", "Kind": "user", "ForEach": "$.customers",
              "Parameters": { "AppId": "{$.app}", "ReceiverId": "{@}", "SenderId": "shop", "Body": "Order {$.order} shipped" }
            } ]
          },
          "shop-direct": {
            "Delivery": "direct",
            "Verification": { "Scheme": "hmac", "Header": "X-Shop-Signature", "Prefix": "sha256=", "SecretNames": [ "shop-secret" ] },
            "EventId": { "Path": "$.id" },
            "Rules": [ {
              "Name": "shipped", "Kind": "user", "ForEach": "$.customers",
              "Parameters": { "AppId": "{$.app}", "ReceiverId": "{@}", "SenderId": "shop", "Body": "Order {$.order} shipped" }
            } ]
          },
          "locked": {
            "Verification": { "Scheme": "hmac", "Header": "X-Shop-Signature", "SecretNames": [ "locked-secret" ] },
            "Rules": [ { "Kind": "group", "Parameters": { "AppId": "app1", "GroupId": "g1", "OperatorUserId": "ops", "Data": "{$.text}" } } ]
          },
          "bulletin": {
            "Verification": { "Scheme": "none" },
            "Rules": [ { "Kind": "group", "Parameters": { "AppId": "app1", "GroupId": "g1", "OperatorUserId": "ops", "Data": "{$.data}" } } ]
          },
          "grid": {
            "Format": "eventGrid",
            "Verification": { "Scheme": "none" },
            "Rules": [ { "Kind": "group", "Parameters": { "AppId": "app1", "GroupId": "g1", "OperatorUserId": "ops", "Data": "{$.data}" } } ]
          }
        }
        """;

    /// <summary>A shop event: one message per customer, for <paramref name="app"/>.</summary>
    public static string ShopEvent(string id, string app, params string[] customers) =>
        JsonSerializer.Serialize(new { id, app, order = "A-1001", customers });

    /// <summary>A bulletin event whose group message <c>Data</c> is about <paramref name="textLength"/> bytes.</summary>
    public static string BulletinEvent(int textLength) => JsonSerializer.Serialize(new { data = new { text = new string('x', textLength) } });

    /// <summary>The headers a shop sends with <paramref name="body"/>, signed with <see cref="ShopSecret"/> unless another secret is given.</summary>
    public static List<KeyValuePair<string, StringValues>> SignedHeaders(string body, string secret = ShopSecret) =>
    [
        new("Content-Type", "application/json"),
        new(SignatureHeader, "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)))),
    ];

    /// <summary>A <c>live-events</c> message for <paramref name="source"/>.</summary>
    public static string QueueEvent(string source, string eventJson, string? eventId = null) =>
        $"{{\"source\":{JsonSerializer.Serialize(source)},{(eventId is null ? string.Empty : $"\"eventId\":{JsonSerializer.Serialize(eventId)},")}\"event\":{eventJson}}}";

    /// <summary>A normalized <c>/api/messages</c> body: one user message per receiver.</summary>
    public static string NormalizedUserMessages(string app, params string[] receivers) =>
        JsonSerializer.Serialize(receivers.Select(r => new { kind = "user", request = new { appId = app, receiverId = r, senderId = "ops", body = "hello" } }));

    public static List<KeyValuePair<string, StringValues>> JsonHeaders(string? idempotencyKey = null)
    {
        var headers = new List<KeyValuePair<string, StringValues>> { new("Content-Type", "application/json") };
        if (idempotencyKey is not null)
        {
            headers.Add(new(IntakeService.IdempotencyKeyHeader, idempotencyKey));
        }

        return headers;
    }
}
