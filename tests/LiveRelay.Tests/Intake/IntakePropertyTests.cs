using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using LiveRelay.Intake.Http;
using LiveRelay.Intake.Results;
using LiveRelay.Messages;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Xunit.Abstractions;

namespace LiveRelay.Tests.Intake;

/// <summary>
/// Random JSON (and broken JSON) with random headers, sent to a source of every scheme and format, half of them correctly
/// signed: the answer is always an accepted result or a 4xx rejection, never an exception or a 5xx; every accepted
/// envelope is a valid request; every answer maps to a JSON HTTP body.
/// </summary>
public sealed class IntakePropertyTests(ITestOutputHelper output)
{
    private const string SwSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string GhSecret = "gh-secret";
    private const string StSecret = "whsec_stripe";
    private const string HmacSecret = "hmac-secret";
    private const int Tests = 1000;

    private const string Sources = """
        {
          "plain": { "Verification": { "Scheme": "none" },
            "Rules": [
              { "Name": "fan", "Kind": "user", "ForEach": "$.to", "When": [ { "Path": "$.to" } ],
                "Parameters": { "AppId": "a", "ReceiverId": "{@.id}", "SenderId": "s", "Body": "{$.a?} {@}", "MsgType": "{$.b?}", "HighReliability": "{@.hr?}" } },
              { "Name": "grp", "Kind": "group", "When": [ { "Path": "$.type" } ],
                "Parameters": { "AppId": "a", "GroupId": "{$.type}", "OperatorUserId": "op", "Type": "{$.b?}" },
                "Content": { "x": "{$.a?}", "y": { "z": "{$.data?}", "w": [ "{eventId}", "{/id?}" ] }, "t": "text {$..id?}" } } ] },
          "sw": { "Verification": { "Scheme": "standard-webhooks", "SecretNames": [ "sw" ] },
            "Rules": [ { "Kind": "user", "Parameters": { "AppId": "a", "ReceiverId": "{$.id}", "SenderId": "s", "Body": "{$}", "MsgTid": "{$.tid?}" } } ] },
          "gh": { "Verification": { "Scheme": "github", "SecretNames": [ "gh" ] }, "Filter": [ { "Header": "X-GitHub-Event", "Values": [ "release" ] } ],
            "Rules": [ { "Kind": "group", "ForEach": "$.to[*]", "Parameters": { "AppId": "a", "GroupId": "{@.id}", "OperatorUserId": "op", "Data": "{@}" } } ] },
          "st": { "Verification": { "Scheme": "stripe", "SecretNames": [ "st" ] },
            "Rules": [ { "Kind": "user", "Parameters": { "AppId": "a", "ReceiverId": "{$.data.object.customer}", "SenderId": "stripe", "SenderInfo": "{$.type}" } } ] },
          "hmac": { "Verification": { "Scheme": "hmac", "SecretNames": [ "hmac" ], "Header": "X-Signature", "Prefix": "sha256=" }, "EventId": { "Path": "$.id" },
            "Rules": [ { "Kind": "user", "ForEach": "/to", "Parameters": { "AppId": "a", "ReceiverId": "{@/id}", "SenderId": "{$.from}", "DataCenter": "{$.dc?}" } } ] },
          "ce": { "Format": "cloudEvents", "Verification": { "Scheme": "none" }, "Filter": [ { "Path": "$.type", "Values": [ "t1", "t2" ] } ],
            "Rules": [ { "Kind": "user", "Parameters": { "AppId": "a", "ReceiverId": "{$.data.id}", "SenderId": "ce", "Body": "{$.subject?}" } } ] },
          "eg": { "Format": "eventGrid", "Verification": { "Scheme": "none" },
            "Rules": [ { "Kind": "group", "Parameters": { "AppId": "a", "GroupId": "{$.subject}", "OperatorUserId": "grid", "Data": "{$.data}" } } ] }
        }
        """;

    private static readonly string[] SourceNames = ["plain", "sw", "gh", "st", "hmac", "ce", "eg", "unknown"];
    private static readonly string[] Keys = ["id", "a", "b", "to", "data", "type", "tid", "from", "dc", "hr", "object", "customer", "specversion", "source", "subject", "eventType", "x"];

    private static readonly IntakeTestHost Host = new(
        Sources, new InMemorySecretProvider(("sw", SwSecret), ("gh", GhSecret), ("st", StSecret), ("hmac", HmacSecret)));

    private static long Now => Host.Time.GetUtcNow().ToUnixTimeSeconds();

    [Fact]
    public void Webhooks_always_get_an_accepted_result_or_a_4xx()
    {
        var outcomes = new Dictionary<string, int>();
        var property = Prop.ForAll(Arb.From(WebhookCases()), request =>
        {
            var result = Host.Service.AcceptWebhookAsync(request.Source, IntakeTestHost.ToHeaderValues(request.Headers), request.ContentType, request.Body)
                .AsTask().GetAwaiter().GetResult();
            Count(outcomes, result);
            return IsWellFormed(result);
        });

        Check.One(Settings(Tests), property);

        // The generators must reach every stage, or the property proves little.
        var seen = Describe(outcomes);
        Assert.True(outcomes.GetValueOrDefault("accepted") > 0, seen);
        Assert.True(outcomes.GetValueOrDefault("401") > 0, seen);
        Assert.True(outcomes.GetValueOrDefault("400") > 0, seen);
    }

    [Fact]
    public void Queue_events_always_get_an_accepted_result_or_a_4xx()
    {
        var outcomes = new Dictionary<string, int>();
        var gen =
            from source in Gen.Elements(SourceNames)
            from eventJson in Events()
            from eventId in Gen.Elements<string?>(null, "e1", "", new string('x', 300))
            from headers in Headers()
            from base64 in Gen.Elements(false, true)
            select Wrap(source, eventJson, eventId, headers, base64);

        var property = Prop.ForAll(Arb.From(gen), message =>
        {
            var result = Host.Service.AcceptQueueEventAsync(message).AsTask().GetAwaiter().GetResult();
            Count(outcomes, result);
            return IsWellFormed(result);
        });

        Check.One(Settings(Tests), property);

        var seen = Describe(outcomes);
        Assert.True(outcomes.GetValueOrDefault("accepted") > 0, seen);
    }

    [Fact]
    public void Normalized_requests_always_get_an_accepted_result_or_a_4xx()
    {
        var outcomes = new Dictionary<string, int>();
        var item =
            from kind in Gen.Elements<JToken>("user", "group", "room", 1)
            from request in Gen.OneOf(
                Json(2),
                Gen.Constant<JToken>(JObject.Parse("""{"appId":"a","receiverId":"u","senderId":"s","msgType":5}""")),
                Gen.Constant<JToken>(JObject.Parse("""{"appId":"a","groupId":"g","operatorUserId":"o","data":{"k":[1]}}""")))
            select (JToken)new JObject { ["kind"] = kind, ["request"] = request.DeepClone() };
        var body = Gen.OneOf(item, Gen.ListOf(item).Select(items => (JToken)new JArray(items)), Json(3))
            .Select(token => token.ToString(Formatting.None));

        var property = Prop.ForAll(Arb.From(body), json =>
        {
            var result = Host.Service.AcceptMessagesAsync(null, "application/json", Encoding.UTF8.GetBytes(json)).AsTask().GetAwaiter().GetResult();
            Count(outcomes, result);
            return IsWellFormed(result);
        });

        Check.One(Settings(Tests), property);

        var seen = Describe(outcomes);
        Assert.True(outcomes.GetValueOrDefault("accepted") > 0, seen);
    }

    private static Config Settings(int tests) => FsCheck.Config.QuickThrowOnFailure.WithMaxTest(tests).WithQuietOnSuccess(true);

    private static bool IsWellFormed(IntakeResult result)
    {
        var response = IntakeHttpMapper.ToResponse(result);
        if (!response.Body.IsEmpty)
        {
            using var _ = JsonDocument.Parse(response.Body);
        }

        return result switch
        {
            IntakeRejected rejected => rejected.Status is >= 400 and < 500 && rejected.Detail.Length > 0,
            IntakeAccepted accepted => accepted.Envelopes.All(e => e.Message.Validate().Count == 0
                && MessageEnvelopeSerializer.Deserialize(MessageEnvelopeSerializer.SerializeToString(e)) == e),
            IntakeIgnored ignored => ignored.Reason.Length > 0,
            IntakeHandshake => true,
            _ => false,
        };
    }

    private static void Count(Dictionary<string, int> outcomes, IntakeResult result)
    {
        var key = result switch
        {
            IntakeRejected rejected => rejected.Status.ToString(CultureInfo.InvariantCulture),
            IntakeAccepted => "accepted",
            IntakeIgnored => "ignored",
            _ => "handshake",
        };
        outcomes[key] = outcomes.GetValueOrDefault(key) + 1;
    }

    private string Describe(Dictionary<string, int> outcomes)
    {
        var text = string.Join(", ", outcomes.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key}: {o.Value}"));
        output.WriteLine(text);
        return text;
    }

    private static Gen<WebhookCase> WebhookCases() =>
        from source in Gen.Elements(SourceNames)
        from body in Bodies()
        from headers in Headers()
        from sign in Gen.Elements(true, true, false)
        from contentType in Gen.Frequency(
            (6, Gen.Elements<string?>("application/json", "application/json; charset=utf-8", "application/cloudevents+json")),
            (1, Gen.Elements<string?>("text/plain", null, "application/x-www-form-urlencoded")))
        select new WebhookCase(source, body, sign ? [.. headers, .. Sign(source, body)] : headers, contentType);

    private static Gen<byte[]> Bodies() => Gen.Frequency(
        (6, Events().Select(e => Encoding.UTF8.GetBytes(e))),
        (1, Events().SelectMany(e => Gen.Choose(0, e.Length).Select(cut => Encoding.UTF8.GetBytes(e[..cut])))),
        (1, Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b))),
        (1, Gen.Elements("payload=%7B%22to%22%3A%5B%5D%7D", "payload=", "a=1&b", "", "null", "[]", "\"s\"", "1e400", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]")
            .Select(s => Encoding.UTF8.GetBytes(s))));

    private static Gen<string> Events() => Gen.OneOf(Json(3), Plausible(), PlausibleCloudEvents(), PlausibleGridEvents()).Select(t => t.ToString(Formatting.None));

    private static Gen<JToken> Scalar() => Gen.OneOf(
        Gen.Elements<JToken>(JValue.CreateNull(), true, false, 0, -1, 10001, long.MaxValue, 1.5, 1e300, "", "u1", "a-b", "x y", "{$.a}", "é", "😀", "true", "7", "cn-shanghai", "release", "t1"),
        Gen.Choose(-100_000, 100_000).Select(i => (JToken)i),
        Gen.ArrayOf(Gen.Elements('a', 'Z', '0', '-', ' ', '"', '\\', '{', '}', '$', 'é', '\n', '\u0001')).Select(c => (JToken)new string(c)));

    private static Gen<JToken> Json(int depth) => depth <= 0
        ? Scalar()
        : Gen.Frequency(
            (3, Scalar()),
            (2, Gen.ListOf(Gen.Zip(Gen.Elements(Keys), Json(depth - 1))).Select(ps => (JToken)ToObject(ps))),
            (1, Gen.ListOf(Json(depth - 1)).Select(items => (JToken)new JArray(items))));

    private static JObject ToObject(IEnumerable<(string Key, JToken Value)> properties)
    {
        var obj = new JObject();
        foreach (var (key, value) in properties)
        {
            obj[key] = value;
        }

        return obj;
    }

    private static Gen<JToken> Id() => Gen.OneOf(Gen.Elements<JToken>("u1", "u2", "room7", "", "a-b", 5, JValue.CreateNull()), Scalar());

    private static Gen<JToken> Plausible() =>
        from id in Id()
        from to in Gen.ListOf(Gen.OneOf(Id().Select(i => (JToken)new JObject { ["id"] = i }), Json(1)))
        from a in Scalar()
        from b in Gen.Elements<JToken>(1, "2", "x", 1.5, JValue.CreateNull())
        from type in Gen.Elements<JToken>("t1", "room", 3, JValue.CreateNull())
        from data in Json(2)
        from sender in Gen.Elements<JToken>("shop", "bad-sender", 1)
        select (JToken)new JObject { ["id"] = id, ["to"] = new JArray(to), ["a"] = a, ["b"] = b, ["type"] = type, ["data"] = data, ["from"] = sender };

    private static Gen<JToken> PlausibleCloudEvents()
    {
        var ce =
            from id in Id()
            from type in Gen.Elements<JToken>("t1", "t2", "t3")
            from spec in Gen.Elements<JToken>("1.0", "1.0", "0.3")
            from data in Gen.OneOf(Json(2), Id().Select(i => (JToken)new JObject { ["id"] = i }))
            select (JToken)new JObject { ["specversion"] = spec, ["id"] = id, ["source"] = "/s", ["type"] = type, ["subject"] = "sub", ["data"] = data };
        return Gen.OneOf(ce, Gen.ListOf(ce).Select(events => (JToken)new JArray(events)));
    }

    private static Gen<JToken> PlausibleGridEvents()
    {
        var evt =
            from id in Id()
            from type in Gen.Elements("Contoso.Item", "Microsoft.EventGrid.SubscriptionValidationEvent")
            from data in Gen.OneOf(Json(2), Gen.Constant<JToken>(new JObject { ["validationCode"] = "code-1" }))
            from subject in Gen.Elements<JToken>("room1", "", 5)
            select (JToken)new JObject { ["id"] = id, ["eventType"] = type, ["subject"] = subject, ["data"] = data, ["dataVersion"] = "1" };
        return Gen.ListOf(evt).Select(events => (JToken)new JArray(events));
    }

    private static Gen<(string Name, string Value)[]> Headers()
    {
        var name = Gen.Elements(
            "webhook-id", "webhook-timestamp", "webhook-signature", "X-Hub-Signature-256", "X-GitHub-Event", "X-GitHub-Delivery",
            "Stripe-Signature", "X-Signature", "traceparent", "X-Other");
        var value = Gen.OneOf(
            Gen.Elements("release", "v1,abc", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", "t=1,v1=00", "sha256=zz", "sha256=", "", " ", "1614265330", "99999999999999999999", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"),
            Gen.Choose(-10, 10).Select(delta => (Now + (delta * 100)).ToString(CultureInfo.InvariantCulture)),
            Gen.ArrayOf(Gen.Elements('a', '=', ',', ' ', '0', 'v', '1', 't', 'é')).Select(c => new string(c)));
        return Gen.ListOf(Gen.Zip(name, value)).Select(list => list.ToArray());
    }

    private static (string, string)[] Sign(string source, byte[] body)
    {
        var text = Encoding.UTF8.GetString(body);
        var headers = source switch
        {
            "sw" => TestSignatures.StandardWebhooks(SwSecret, "msg_p", Now, text),
            "gh" => TestSignatures.GitHub(GhSecret, text),
            "st" => TestSignatures.Stripe(StSecret, Now, text),
            "hmac" => new Dictionary<string, string> { ["X-Signature"] = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(HmacSecret), body)) },
            _ => [],
        };

        // Signing the decoded text is only right when the bytes are valid UTF-8; otherwise the request is (correctly) refused.
        return [.. headers.Select(h => (h.Key, h.Value)), ("X-GitHub-Event", "release")];
    }

    private static string Wrap(string source, string eventJson, string? eventId, (string Name, string Value)[] headers, bool base64)
    {
        var wrapper = new JObject { ["source"] = source, ["event"] = JToken.Parse(eventJson) };
        if (eventId is not null)
        {
            wrapper["eventId"] = eventId;
        }

        var headerObject = new JObject();
        foreach (var (name, value) in headers)
        {
            headerObject[name] = value;
        }

        wrapper["headers"] = headerObject;
        var json = wrapper.ToString(Formatting.None);
        return base64 ? Convert.ToBase64String(Encoding.UTF8.GetBytes(json)) : json;
    }

    /// <summary>One generated webhook request.</summary>
    public sealed record WebhookCase(string Source, byte[] Body, (string Name, string Value)[] Headers, string? ContentType)
    {
        public override string ToString() =>
            $"{Source} [{ContentType}] {string.Join("; ", Headers.Select(h => $"{h.Name}: {h.Value}"))} :: {Encoding.UTF8.GetString(Body)}";
    }
}
