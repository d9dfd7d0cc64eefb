using System.Text;
using LiveRelay.AlibabaCloud.Messaging;
using LiveRelay.AlibabaCloud.Tests.Support;

namespace LiveRelay.AlibabaCloud.Tests.Messaging;

/// <summary>Every documented limit, byte counts at their boundaries (including multi-byte UTF-8), and all failures reported at once.</summary>
public sealed class LiveMessageValidatorTests
{
    private static readonly SendMessageToGroupRequest Group = SampleRequests.FullGroup;
    private static readonly SendLiveMessageUserRequest User = SampleRequests.FullUser;

    [Fact]
    public void The_sample_requests_are_valid()
    {
        Assert.Empty(LiveMessageValidator.Validate(SampleRequests.FullGroup));
        Assert.Empty(LiveMessageValidator.Validate(SampleRequests.MinimalGroup));
        Assert.Empty(LiveMessageValidator.Validate(SampleRequests.FullUser));
        Assert.Empty(LiveMessageValidator.Validate(SampleRequests.MinimalUser));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void SendMessageToGroup_requires_AppId_GroupId_OperatorUserId_and_Data(string blank)
    {
        var failures = LiveMessageValidator.Validate(new SendMessageToGroupRequest
        {
            AppId = blank, GroupId = blank, OperatorUserId = blank, Data = blank,
        });

        Assert.Equal(
            [new("AppId", "is required"), new("GroupId", "is required"), new("OperatorUserId", "is required"), new ValidationFailure("Data", "is required")],
            failures);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("[]")]
    [InlineData("\"just a string\"")]
    [InlineData("{\"text\":\"héllo 😀\",\"n\":[1,2.5,null,true]}")]
    [InlineData("  {\"padded\":1}  ")]
    public void Data_accepts_any_single_JSON_document(string data)
    {
        Assert.Empty(LiveMessageValidator.Validate(Group with { Data = data }));
    }

    [Theory]
    [InlineData("{")]
    [InlineData("not json")]
    [InlineData("{} {}")]
    [InlineData("{'single':'quotes'}")]
    [InlineData("{\"trailing\":1,}")]
    public void Data_must_be_valid_JSON(string data)
    {
        var failure = Assert.Single(LiveMessageValidator.Validate(Group with { Data = data }));

        Assert.Equal(new ValidationFailure("Data", "must be a valid JSON document"), failure);
    }

    [Fact]
    public void SendLiveMessageUser_requires_AppId_ReceiverId_and_SenderId()
    {
        var failures = LiveMessageValidator.Validate(new SendLiveMessageUserRequest());

        Assert.Equal([new("AppId", "is required"), new("ReceiverId", "is required"), new ValidationFailure("SenderId", "is required")], failures);
    }

    [Theory]
    [InlineData("SenderId")]
    [InlineData("ReceiverId")]
    [InlineData("MsgTid")]
    public void Ids_allow_exactly_64_letters_and_digits(string field)
    {
        var id = string.Concat(Enumerable.Repeat("aZ09", 16));
        Assert.Equal(64, Encoding.UTF8.GetByteCount(id));

        Assert.Empty(LiveMessageValidator.Validate(WithId(field, id)));
        Assert.Equal([new ValidationFailure(field, "must be at most 64 bytes (UTF-8)")], LiveMessageValidator.Validate(WithId(field, id + "1")));
    }

    [Theory]
    [InlineData("SenderId", "user-1")]
    [InlineData("SenderId", "user_1")]
    [InlineData("SenderId", "user 1")]
    [InlineData("ReceiverId", "user-1")]
    [InlineData("ReceiverId", "user@example.com")]
    [InlineData("MsgTid", "msg.1")]
    [InlineData("MsgTid", "Zoë")]
    [InlineData("MsgTid", "１２３")]
    public void Ids_refuse_anything_but_ASCII_letters_and_digits(string field, string id)
    {
        Assert.Equal([new ValidationFailure(field, "must contain only letters and digits")], LiveMessageValidator.Validate(WithId(field, id)));
    }

    [Theory]
    [InlineData("SenderId")]
    [InlineData("MsgTid")]
    public void A_64_character_id_with_a_multi_byte_character_breaks_both_id_rules(string field)
    {
        var id = new string('a', 63) + "é";
        Assert.Equal(64, id.Length);
        Assert.Equal(65, Encoding.UTF8.GetByteCount(id));

        Assert.Equal(
            [new(field, "must contain only letters and digits"), new ValidationFailure(field, "must be at most 64 bytes (UTF-8)")],
            LiveMessageValidator.Validate(WithId(field, id)));
    }

    [Fact]
    public void An_empty_MsgTid_is_refused_rather_than_sent_empty()
    {
        Assert.Equal([new ValidationFailure("MsgTid", "must not be empty when set")], LiveMessageValidator.Validate(User with { MsgTid = "" }));
        Assert.Empty(LiveMessageValidator.Validate(User with { MsgTid = null }));
    }

    public static TheoryData<string, int, bool> SenderInfoBoundaries => new()
    {
        { new string('a', 512), 512, true },
        { new string('a', 513), 513, false },
        { new string('a', 510) + "é", 512, true },
        { new string('a', 511) + "é", 513, false },
        { string.Concat(Enumerable.Repeat("€", 170)) + "ab", 512, true },
        { string.Concat(Enumerable.Repeat("€", 171)), 513, false },
        { string.Concat(Enumerable.Repeat("😀", 128)), 512, true },
        { string.Concat(Enumerable.Repeat("😀", 128)) + "a", 513, false },
    };

    [Theory]
    [MemberData(nameof(SenderInfoBoundaries))]
    public void SenderInfo_is_limited_to_512_UTF8_bytes(string senderInfo, int bytes, bool valid)
    {
        Assert.Equal(bytes, Encoding.UTF8.GetByteCount(senderInfo));

        var failures = LiveMessageValidator.Validate(User with { SenderInfo = senderInfo });

        Assert.Equal(valid ? [] : [new ValidationFailure("SenderInfo", "must be at most 512 bytes (UTF-8)")], failures);
    }

    public static TheoryData<string, int, bool> BodyBoundaries => new()
    {
        { new string('b', 15 * 1024), 15360, true },
        { new string('b', 15 * 1024 + 1), 15361, false },
        { string.Concat(Enumerable.Repeat("中", 5120)), 15360, true },
        { string.Concat(Enumerable.Repeat("中", 5120)) + "b", 15361, false },
        { new string('b', 15358) + "é", 15360, true },
        { new string('b', 15356) + "😀", 15360, true },
        { new string('b', 15357) + "😀", 15361, false },
    };

    [Theory]
    [MemberData(nameof(BodyBoundaries))]
    public void Body_is_limited_to_15_KB_of_UTF8(string body, int bytes, bool valid)
    {
        Assert.Equal(bytes, Encoding.UTF8.GetByteCount(body));

        var failures = LiveMessageValidator.Validate(User with { Body = body });

        Assert.Equal(valid ? [] : [new ValidationFailure("Body", "must be at most 15360 bytes (UTF-8)")], failures);
    }

    [Theory]
    [InlineData("cn-shanghai", true)]
    [InlineData("ap-southeast-1", true)]
    [InlineData("cn-beijing", false)]
    [InlineData("CN-SHANGHAI", false)]
    [InlineData(" cn-shanghai", false)]
    [InlineData("", false)]
    public void DataCenter_is_one_of_two_values(string dataCenter, bool valid)
    {
        var failures = LiveMessageValidator.Validate(User with { DataCenter = dataCenter });

        Assert.Equal(valid ? [] : [new ValidationFailure("DataCenter", "must be one of cn-shanghai, ap-southeast-1")], failures);
    }

    [Fact]
    public void Every_broken_rule_is_reported_at_once_by_field_name()
    {
        var request = new SendLiveMessageUserRequest
        {
            AppId = "",
            ReceiverId = "r1",
            SenderId = "not valid!",
            SenderInfo = new string('i', 600),
            Body = new string('b', 16000),
            MsgTid = new string('m', 65),
            DataCenter = "mars-1",
        };

        var ex = Assert.Throws<LiveRequestValidationException>(() => LiveMessageValidator.ThrowIfInvalid(request));

        Assert.Equal("SendLiveMessageUser", ex.Action);
        Assert.Equal(
            [
                new("AppId", "is required"),
                new("SenderId", "must contain only letters and digits"),
                new("SenderInfo", "must be at most 512 bytes (UTF-8)"),
                new("Body", "must be at most 15360 bytes (UTF-8)"),
                new("MsgTid", "must be at most 64 bytes (UTF-8)"),
                new ValidationFailure("DataCenter", "must be one of cn-shanghai, ap-southeast-1"),
            ],
            ex.Failures);
        foreach (var field in new[] { "AppId", "SenderId", "SenderInfo", "Body", "MsgTid", "DataCenter" })
        {
            Assert.Contains(field + ": ", ex.Message, StringComparison.Ordinal);
        }

        Assert.StartsWith("SendLiveMessageUser request is invalid: ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Error_messages_name_fields_and_rules_but_never_echo_values()
    {
        var request = User with { SenderInfo = "PRIVATE-" + new string('x', 600), SenderId = "PRIVATE id" };

        var ex = Assert.Throws<LiveRequestValidationException>(() => LiveMessageValidator.ThrowIfInvalid(request));

        Assert.DoesNotContain("PRIVATE", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Group_failures_are_reported_together_too()
    {
        var ex = Assert.Throws<LiveRequestValidationException>(
            () => LiveMessageValidator.ThrowIfInvalid(new SendMessageToGroupRequest { AppId = "a", Data = "{oops" }));

        Assert.Equal("SendMessageToGroup", ex.Action);
        Assert.Equal(
            [new("GroupId", "is required"), new("OperatorUserId", "is required"), new ValidationFailure("Data", "must be a valid JSON document")],
            ex.Failures);
    }

    private static SendLiveMessageUserRequest WithId(string field, string id) =>
        field switch
        {
            "SenderId" => User with { SenderId = id },
            "ReceiverId" => User with { ReceiverId = id },
            _ => User with { MsgTid = id },
        };
}
