using System.Text;
using LiveRelay.Intake;
using LiveRelay.Intake.Results;
using LiveRelay.Messages;
using LiveRelay.Tests.Intake.Mapping;

namespace LiveRelay.Tests.Intake;

/// <summary>Already-normalized requests for /api/messages (source "api").</summary>
public sealed class NormalizedRequestTests
{
    private const string UserItem = """{"kind":"user","request":{"appId":"a","receiverId":"u1","senderId":"ops","body":"hello","msgType":10001,"highReliability":true}}""";
    private const string GroupItem = """{"kind":"group","request":{"appId":"a","groupId":"g1","operatorUserId":"ops","type":10001,"data":{"text":"hi"},"skipAudit":false}}""";

    private static ValueTask<IntakeResult> Post(string body, IEnumerable<KeyValuePair<string, string>>? headers = null, string? contentType = "application/json", Action<LiveRelay.Intake.Configuration.IntakeOptions>? limits = null) =>
        new IntakeTestHost("{}", limits: limits).Service.AcceptMessagesAsync(IntakeTestHost.ToHeaders(headers), contentType, Encoding.UTF8.GetBytes(body));

    [Fact]
    public async Task Accepts_a_single_request()
    {
        var accepted = IntakeAssert.Accepted(await Post(UserItem));

        var envelope = Assert.Single(accepted.Envelopes);
        var request = MappingHarness.User(envelope);
        Assert.Equal(("api", "u1", "hello", 10001L, true), (envelope.Source, request.ReceiverId, request.Body, request.MsgType, request.HighReliability));
        Assert.Equal(envelope.Id, request.MsgTid);
        Assert.Equal(DeliveryMode.Queued, accepted.Delivery);
    }

    [Fact]
    public async Task Accepts_an_array_and_writes_a_data_object_as_JSON_text()
    {
        var accepted = IntakeAssert.Accepted(await Post($"[{UserItem},{GroupItem}]"));

        Assert.Equal([MessageKind.User, MessageKind.Group], accepted.Envelopes.Select(e => e.Kind));
        var group = MappingHarness.Group(accepted.Envelopes[1]);
        Assert.Equal(("g1", 10001, """{"text":"hi"}""", false), (group.GroupId, group.Type, group.Data, group.SkipAudit));
    }

    [Fact]
    public async Task The_idempotency_key_makes_ids_repeatable()
    {
        var first = IntakeAssert.Accepted(await Post(UserItem, [new(IntakeService.IdempotencyKeyHeader, "batch-77")]));
        var again = IntakeAssert.Accepted(await Post(UserItem.Replace("hello", "hello again", StringComparison.Ordinal), [new("idempotency-key", "batch-77")]));
        var unkeyed = IntakeAssert.Accepted(await Post(UserItem));

        Assert.Equal("batch-77", first.EventIds[0]);
        Assert.Equal(MessageIds.ForMessage("api", "batch-77", 0), first.Envelopes[0].Id);
        Assert.Equal(first.Envelopes[0].Id, again.Envelopes[0].Id);
        Assert.Equal(MessageIds.ForBody(Encoding.UTF8.GetBytes(UserItem)), unkeyed.EventIds[0]);
    }

    [Fact]
    public async Task An_idempotency_key_reused_with_a_different_body_is_a_422_until_it_expires()
    {
        var host = new IntakeTestHost("{}");
        IEnumerable<KeyValuePair<string, string>> key = [new(IntakeService.IdempotencyKeyHeader, "order-9")];
        Task<IntakeResult> PostAsync(string body) => host.Service.AcceptMessagesAsync(IntakeTestHost.ToHeaders(key), "application/json", Encoding.UTF8.GetBytes(body)).AsTask();
        var changed = UserItem.Replace("hello", "hello again", StringComparison.Ordinal);

        var first = IntakeAssert.Accepted(await PostAsync(UserItem));
        var retry = IntakeAssert.Accepted(await PostAsync(UserItem));
        var reused = IntakeAssert.Rejected(await PostAsync(changed), IntakeRejectionKind.IdempotencyKeyReused);
        host.Time.Advance(TimeSpan.FromHours(24));
        var afterRetention = IntakeAssert.Accepted(await PostAsync(changed));

        Assert.Equal(first.Envelopes[0].Id, retry.Envelopes[0].Id);
        Assert.Equal((422, "urn:liverelay:problem:idempotency-key-reused"), (reused.Status, reused.Type));
        Assert.Contains("Idempotency-Key", reused.Detail, StringComparison.Ordinal);
        Assert.Equal(first.Envelopes[0].Id, afterRetention.Envelopes[0].Id);
    }

    [Fact]
    public async Task A_given_MsgTid_is_kept()
    {
        var accepted = IntakeAssert.Accepted(await Post(UserItem.Replace("\"body\"", "\"msgTid\":\"mine1\",\"body\"", StringComparison.Ordinal)));

        Assert.Equal("mine1", MappingHarness.User(accepted.Envelopes[0]).MsgTid);
    }

    [Theory]
    [InlineData("""{"kind":"room","request":{}}""", "kind")]
    [InlineData("""{"request":{}}""", "kind")]
    [InlineData("""{"kind":"user"}""", "request")]
    [InlineData("""{"kind":"user","request":{},"extra":1}""", "extra")]
    [InlineData("""{"kind":"user","request":{"appId":"a","receiverId":"u","senderId":"s","colour":"red"}}""", "colour")]
    [InlineData("""{"kind":"user","request":{"appId":"a","receiverId":"u","senderId":"s","msgType":"10001"}}""", "MsgType")]
    [InlineData("""{"kind":"group","request":{"appId":"a","groupId":"g","operatorUserId":"o","data":"{}","type":1.5}}""", "Type")]
    [InlineData("""{"kind":"user","request":{"appId":5,"receiverId":"u","senderId":"s"}}""", "AppId")]
    [InlineData("""{"kind":"user","request":{"appId":"a","receiverId":"u","senderId":"s","storage":"yes"}}""", "Storage")]
    [InlineData("""{"kind":"user","request":{"appId":"a","receiverId":"u","senderId":"not-valid"}}""", "SenderId")]
    [InlineData("""{"kind":"group","request":{"appId":"a","groupId":"g","operatorUserId":"o","data":"not json"}}""", "Data")]
    [InlineData("""{"kind":"user","request":{"appId":"a","senderId":"s"}}""", "ReceiverId")]
    public async Task An_invalid_item_is_400_naming_the_field(string item, string field)
    {
        var rejected = IntakeAssert.Rejected(await Post(item), IntakeRejectionKind.InvalidMessage);

        Assert.Equal(field, Assert.Single(rejected.Errors).Field);
        Assert.Null(rejected.Errors[0].Index);
    }

    [Fact]
    public async Task One_invalid_item_rejects_the_whole_array_naming_its_position()
    {
        var bad = UserItem.Replace("\"u1\"", "\"\"", StringComparison.Ordinal);

        var rejected = IntakeAssert.Rejected(await Post($"[{UserItem},{GroupItem},{bad}]"), IntakeRejectionKind.InvalidMessage);

        var error = Assert.Single(rejected.Errors);
        Assert.Equal(("ReceiverId", 2), (error.Field, error.Index));
    }

    [Theory]
    [InlineData("[]", "no message items")]
    [InlineData("\"text\"", "must be a message item")]
    [InlineData("{", "not valid JSON")]
    public async Task A_body_that_is_not_message_items_is_400(string body, string because)
    {
        var rejected = IntakeAssert.Rejected(await Post(body), IntakeRejectionKind.MalformedEvent);

        Assert.Contains(because, rejected.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Size_type_and_count_limits_apply()
    {
        IntakeAssert.Rejected(await Post(UserItem, contentType: "text/plain"), IntakeRejectionKind.UnsupportedMediaType);
        IntakeAssert.Rejected(await Post(UserItem, limits: o => o.MaxBodyBytes = 10), IntakeRejectionKind.PayloadTooLarge);
        IntakeAssert.Rejected(await Post($"[{UserItem},{UserItem},{UserItem}]", limits: o => o.MaxMessagesPerEvent = 2), IntakeRejectionKind.TooManyMessages);
    }

    [Fact]
    public async Task The_configured_delivery_mode_applies()
    {
        var accepted = IntakeAssert.Accepted(await Post(UserItem, limits: o => o.ApiDelivery = "direct"));

        Assert.Equal(DeliveryMode.Direct, accepted.Delivery);
    }
}
