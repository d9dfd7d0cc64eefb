using LiveRelay.AlibabaCloud.Signing;

namespace LiveRelay.AlibabaCloud.Tests.Signing;

/// <summary>The DescribeRegions example from Alibaba Cloud's ECS "Signature" page (shared/vectors/README.md).</summary>
public sealed class RpcSignatureV1VectorTests
{
    private static readonly KeyValuePair<string, string>[] Parameters =
    [
        new("Timestamp", "2016-02-23T12:46:24Z"),
        new("Action", "DescribeRegions"),
        new("Format", "XML"),
        new("SignatureMethod", "HMAC-SHA1"),
        new("SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"),
        new("SignatureVersion", "1.0"),
        new("AccessKeyId", "testid"),
        new("Version", "2014-05-26"),
    ];

    [Fact]
    public void String_to_sign_matches_the_published_example()
    {
        Assert.Equal(
            "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26",
            RpcSignatureV1.BuildStringToSign("GET", Parameters));
    }

    [Fact]
    public void Signature_matches_the_published_example()
    {
        var signature = RpcSignatureV1.ComputeSignature(RpcSignatureV1.BuildStringToSign("GET", Parameters), "testsecret");

        Assert.Equal("OLeaidS1JvxuMvnyHOwuJ+uX5qY=", signature);
        Assert.Equal("OLeaidS1JvxuMvnyHOwuJ%2BuX5qY%3D", AcsPercentEncoding.Encode(signature));
    }

    [Fact]
    public void The_misspelled_TimeStamp_key_gives_the_other_published_value()
    {
        var misspelled = Parameters.Select(p => p.Key == "Timestamp" ? new KeyValuePair<string, string>("TimeStamp", p.Value) : p);

        Assert.Equal("CT9X0VtwR86fNWSnsc6v8YGOjuE=", RpcSignatureV1.ComputeSignature(RpcSignatureV1.BuildStringToSign("GET", misspelled), "testsecret"));
    }

    [Fact]
    public void An_existing_Signature_parameter_is_not_signed()
    {
        var withSignature = Parameters.Append(new("Signature", "anything"));

        Assert.Equal(RpcSignatureV1.BuildStringToSign("GET", Parameters), RpcSignatureV1.BuildStringToSign("GET", withSignature));
    }
}
