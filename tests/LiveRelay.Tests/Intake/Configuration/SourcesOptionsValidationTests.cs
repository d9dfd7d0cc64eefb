using LiveRelay.Intake.Configuration;

namespace LiveRelay.Tests.Intake.Configuration;

/// <summary>Every configuration mistake that can be found without an event stops start-up, naming the source and key.</summary>
public sealed class SourcesOptionsValidationTests
{
    private const string ValidRule = """{ "Kind": "user", "Parameters": { "AppId": "a", "ReceiverId": "{$.to}", "SenderId": "shop" } }""";

    private static IReadOnlyList<string> Errors(string sourcesJson)
    {
        var options = new SourcesOptions();
        SourcesConfiguration.Bind(IntakeTestHost.FromJson(sourcesJson), options);
        var result = new SourcesOptionsValidator().Validate(null, options);
        return result.Failed ? [.. result.Failures!] : [];
    }

    private static string Source(string body, string name = "shop") => $$"""{ "{{name}}": { {{body}} } }""";

    [Fact]
    public void A_complete_source_is_valid() =>
        Assert.Empty(Errors(Source($$""" "Verification": { "Scheme": "github", "SecretNames": [ "s" ] }, "Rules": [ {{ValidRule}} ] """)));

    [Theory]
    [InlineData(""" "Rules": [ RULE ] """, "LiveRelay:Sources:shop:Verification:Scheme: is required", "say 'none' explicitly")]
    [InlineData(""" "Verification": { "Scheme": "md5" }, "Rules": [ RULE ] """, "LiveRelay:Sources:shop:Verification:Scheme: 'md5' is not one of", "")]
    [InlineData(""" "Verification": { "Scheme": "none", "SecretNames": [ "s" ] }, "Rules": [ RULE ] """, "LiveRelay:Sources:shop:Verification:SecretNames: secrets are set but Scheme is 'none'", "")]
    [InlineData(""" "Verification": { "Scheme": "stripe" }, "Rules": [ RULE ] """, "LiveRelay:Sources:shop:Verification:SecretNames: at least one secret name is required for scheme 'stripe'", "")]
    [InlineData(""" "Verification": { "Scheme": "stripe", "SecretNames": [ "s" ], "Tolerance": "300" }, "Rules": [ RULE ] """, "LiveRelay:Sources:shop:Verification:Tolerance: must be more than zero and at most", "")]
    [InlineData(""" "Verification": { "Scheme": "hmac", "SecretNames": [ "s" ] }, "Rules": [ RULE ] """, "LiveRelay:Sources:shop:Verification:Header: is required for scheme 'hmac'", "")]
    [InlineData(""" "Verification": { "Scheme": "hmac", "SecretNames": [ "s" ], "Header": "X-S", "Algorithm": "md5" }, "Rules": [ RULE ] """, "LiveRelay:Sources:shop:Verification:Algorithm: 'md5' is not one of sha1, sha256, sha384, sha512", "")]
    [InlineData(""" "Verification": { "Scheme": "hmac", "SecretNames": [ "s" ], "Header": "X-S", "Encoding": "base32" }, "Rules": [ RULE ] """, "LiveRelay:Sources:shop:Verification:Encoding: 'base32' is not one of hex, base64", "")]
    [InlineData(""" "Verification": { "Scheme": "github", "SecretNames": [ "s" ], "Header": "X-S" }, "Rules": [ RULE ] """, "LiveRelay:Sources:shop:Verification:Header: is only used by scheme 'hmac'", "")]
    [InlineData(""" "Verification": { "Scheme": "none" } """, "LiveRelay:Sources:shop:Rules: at least one mapping rule is required", "")]
    [InlineData(""" "Verification": { "Scheme": "none" }, "EventId": { "From": "delivery" }, "Rules": [ RULE ] """, "LiveRelay:Sources:shop:EventId:From: scheme 'none' with format Json has no delivery id", "")]
    [InlineData(""" "Verification": { "Scheme": "none" }, "EventId": { "Path": "$.id", "Header": "X-Id" }, "Rules": [ RULE ] """, "LiveRelay:Sources:shop:EventId: set Header or Path, not both", "")]
    [InlineData(""" "Verification": { "Scheme": "none" }, "EventId": { "Path": "id" }, "Rules": [ RULE ] """, "LiveRelay:Sources:shop:EventId:Path: 'id' must be a JSONPath", "")]
    [InlineData(""" "Verification": { "Scheme": "none" }, "Filter": [ { "Values": [ "x" ] } ], "Rules": [ RULE ] """, "LiveRelay:Sources:shop:Filter:0: set exactly one of Header or Path", "")]
    [InlineData(""" "Verification": { "Scheme": "none" }, "Filter": [ { "Path": "$.a[?(@.b ==" } ], "Rules": [ RULE ] """, "LiveRelay:Sources:shop:Filter:0:Path: '$.a[?(@.b ==' is not a valid JSONPath", "")]
    [InlineData(""" "Verification": { "Scheme": "none" }, "Delivery": "direkt", "Rules": [ RULE ] """, "LiveRelay:Sources:shop:Delivery: 'direkt' is not one of queued, direct", "")]
    [InlineData(""" "Verification": { "Scheme": "none" }, "Format": "cloudevent", "Rules": [ RULE ] """, "LiveRelay:Sources:shop:Format: 'cloudevent' is not one of json, cloudEvents, eventGrid", "")]
    public void Reports_source_level_mistakes_by_key(string body, string expected, string alsoContains)
    {
        var errors = Errors(Source(body.Replace("RULE", ValidRule, StringComparison.Ordinal)));

        var error = Assert.Single(errors, e => e.StartsWith(expected, StringComparison.Ordinal));
        Assert.Contains(alsoContains, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "Parameters": { "AppId": "a" } }""", "Rules:0:Kind: is required, one of group, user")]
    [InlineData("""{ "Kind": "users", "Parameters": { "AppId": "a" } }""", "Rules:0:Kind: 'users' is not one of group, user")]
    [InlineData("""{ "Kind": "user", "Parameters": { "AppId": "a", "ReceiverId": "r", "SenderId": "s", "GroupId": "g" } }""", "Rules:0:Parameters:GroupId: is not a parameter of a user message")]
    [InlineData("""{ "Kind": "user", "Parameters": { "AppId": "a", "SenderId": "s" } }""", "Rules:0:Parameters:ReceiverId: is required for a user message")]
    [InlineData("""{ "Kind": "group", "Parameters": { "AppId": "a", "GroupId": "g", "OperatorUserId": "o" } }""", "Rules:0:Parameters:Data: is required for a group message (or set Content)")]
    [InlineData("""{ "Kind": "user", "Parameters": { "AppId": "a", "ReceiverId": "{$.to", "SenderId": "s" } }""", "Rules:0:Parameters:ReceiverId: '{' at position 0 is not closed")]
    [InlineData("""{ "Kind": "user", "Parameters": { "AppId": "a", "ReceiverId": "to}", "SenderId": "s" } }""", "Rules:0:Parameters:ReceiverId: '}' at position 2 has no matching '{'")]
    [InlineData("""{ "Kind": "user", "Parameters": { "AppId": "a", "ReceiverId": "{to}", "SenderId": "s" } }""", "Rules:0:Parameters:ReceiverId: '{to}' is not a placeholder")]
    [InlineData("""{ "Kind": "user", "Parameters": { "AppId": "a", "ReceiverId": "{@.id}", "SenderId": "s" } }""", "Rules:0:Parameters:ReceiverId: uses the ForEach element (@), but the rule has no ForEach")]
    [InlineData("""{ "Kind": "user", "ForEach": "recipients", "Parameters": { "AppId": "a", "ReceiverId": "{@.id}", "SenderId": "s" } }""", "Rules:0:ForEach: 'recipients' must be a JSONPath")]
    [InlineData("""{ "Kind": "user", "Parameters": { "AppId": "a", "ReceiverId": "r", "SenderId": "shop-1" } }""", "Rules:0:Parameters:SenderId: the constant value must contain only letters and digits")]
    [InlineData("""{ "Kind": "user", "Parameters": { "AppId": "a", "ReceiverId": "r", "SenderId": "s", "DataCenter": "eu-west-1" } }""", "Rules:0:Parameters:DataCenter: the constant value must be one of cn-shanghai, ap-southeast-1")]
    [InlineData("""{ "Kind": "user", "Parameters": { "AppId": "", "ReceiverId": "r", "SenderId": "s" } }""", "Rules:0:Parameters:AppId: the constant value is required")]
    [InlineData("""{ "Kind": "user", "Parameters": { "AppId": "a", "ReceiverId": "r", "SenderId": "s", "MsgType": "chat" } }""", "Rules:0:Parameters:MsgType: must be a 64-bit whole number")]
    [InlineData("""{ "Kind": "group", "Parameters": { "AppId": "a", "GroupId": "g", "OperatorUserId": "o", "Data": "{$}", "SkipAudit": "maybe" } }""", "Rules:0:Parameters:SkipAudit: must be true or false")]
    [InlineData("""{ "Kind": "group", "Parameters": { "AppId": "a", "GroupId": "g", "OperatorUserId": "o", "Data": "{$}" }, "Content": { "a": "b" } }""", "Rules:0: set Parameters:Data or Content, not both")]
    [InlineData("""{ "Kind": "group", "Parameters": { "AppId": "a", "GroupId": "g", "OperatorUserId": "o" }, "Content": { "a": { "b": "{@.x}" } } }""", "Rules:0:Content: uses the ForEach element (@), but the rule has no ForEach")]
    [InlineData("""{ "Kind": "group", "Parameters": { "AppId": "a", "GroupId": "g", "OperatorUserId": "o" }, "Content": { "a": { "b": "{oops}" } } }""", "Rules:0:Content:a:b: '{oops}' is not a placeholder")]
    [InlineData("""{ "Kind": "user", "When": [ { "Header": "X", "Path": "$.a" } ], "Parameters": { "AppId": "a", "ReceiverId": "r", "SenderId": "s" } }""", "Rules:0:When:0: set exactly one of Header or Path")]
    public void Reports_rule_mistakes_by_key(string rule, string expected)
    {
        var errors = Errors(Source($$""" "Verification": { "Scheme": "none" }, "Rules": [ {{rule}} ] """));

        Assert.Contains(errors, e => e.StartsWith("LiveRelay:Sources:shop:" + expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Rule_names_must_be_unique_within_a_source()
    {
        var rule = ValidRule.Replace("{ \"Kind\"", "{ \"Name\": \"notify\", \"Kind\"", StringComparison.Ordinal);

        var errors = Errors(Source($$""" "Verification": { "Scheme": "none" }, "Rules": [ {{rule}}, {{rule}} ] """));

        Assert.Contains("LiveRelay:Sources:shop:Rules:1:Name: 'notify' is used by another rule of this source.", errors);
    }

    [Theory]
    [InlineData("api", "the name 'api' is reserved")]
    [InlineData("my shop", "a source name must be 1 to 64 letters, digits, '-' or '_'")]
    public void Source_names_are_checked(string name, string expected)
    {
        var errors = Errors(Source($$""" "Verification": { "Scheme": "none" }, "Rules": [ {{ValidRule}} ] """, name));

        Assert.Contains($"LiveRelay:Sources:{name}: {expected}", errors[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_every_mistake_at_once()
    {
        var errors = Errors("""
            { "a": { "Rules": [ { "Kind": "user" } ] },
              "b": { "Verification": { "Scheme": "github" }, "Rules": [ { "Kind": "group", "Parameters": { "Colour": "red" } } ] } }
            """);

        Assert.True(errors.Count >= 5, string.Join(Environment.NewLine, errors));
        Assert.Contains(errors, e => e.StartsWith("LiveRelay:Sources:a:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("LiveRelay:Sources:b:Rules:0:Parameters:Colour", StringComparison.Ordinal));
    }

    [Fact]
    public void Binds_nested_content_and_arrays_from_configuration()
    {
        var options = new SourcesOptions();
        SourcesConfiguration.Bind(IntakeTestHost.FromJson("""
            { "s": { "Verification": { "Scheme": "none" },
                     "Rules": [ { "Kind": "group", "Parameters": { "AppId": "a" }, "Content": { "a": { "b": "x", "c": [ "y", "z" ] }, "d": "w" } } ] } }
            """), options);

        var content = options.Sources["S"].Rules[0].Content;

        Assert.Equal(new Dictionary<string, string> { ["a:b"] = "x", ["a:c:0"] = "y", ["a:c:1"] = "z", ["d"] = "w" }, content);
        Assert.Equal("a", options.Sources["s"].Rules[0].Parameters["appid"]);
    }
}
