using LiveRelay.AlibabaCloud.Signing;

namespace LiveRelay.AlibabaCloud.Tests.Signing;

/// <summary>The worked example from Alibaba Cloud's "V3 request structure and signature" (shared/vectors/README.md).</summary>
public sealed class AcsSignatureV3VectorTests
{
    private const string ExpectedCanonicalRequest =
        "POST\n" +
        "/\n" +
        "ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai\n" +
        "host:ecs.cn-shanghai.aliyuncs.com\n" +
        "x-acs-action:RunInstances\n" +
        "x-acs-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n" +
        "x-acs-date:2023-10-26T10:22:32Z\n" +
        "x-acs-signature-nonce:3156853299f313e23d1673dc12e1703d\n" +
        "x-acs-version:2014-05-26\n" +
        "\n" +
        "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version\n" +
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private static string BuildCanonical(out string signedHeaders) =>
        AcsSignatureV3.BuildCanonicalRequest(
            "POST",
            "/",
            [new("RegionId", "cn-shanghai"), new("ImageId", "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd")],
            [
                new("x-acs-version", "2014-05-26"),
                new("Host", "ecs.cn-shanghai.aliyuncs.com"),
                new("x-acs-action", "RunInstances"),
                new("x-acs-date", "2023-10-26T10:22:32Z"),
                new("x-acs-signature-nonce", "3156853299f313e23d1673dc12e1703d"),
                new("x-acs-content-sha256", AcsSignatureV3.HashPayload([])),
            ],
            AcsSignatureV3.HashPayload([]),
            out signedHeaders);

    [Fact]
    public void Canonical_request_matches_the_published_example()
    {
        Assert.Equal(ExpectedCanonicalRequest, BuildCanonical(out var signedHeaders));
        Assert.Equal("host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version", signedHeaders);
    }

    [Fact]
    public void String_to_sign_matches_the_published_example()
    {
        Assert.Equal(
            "ACS3-HMAC-SHA256\n7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259",
            AcsSignatureV3.BuildStringToSign(BuildCanonical(out _)));
    }

    [Fact]
    public void Authorization_matches_the_published_example()
    {
        var canonical = BuildCanonical(out var signedHeaders);
        var signature = AcsSignatureV3.ComputeSignature(AcsSignatureV3.BuildStringToSign(canonical), "YourAccessKeySecret");

        Assert.Equal(
            "ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0",
            AcsSignatureV3.BuildAuthorization("YourAccessKeyId", signedHeaders, signature));
    }

    [Fact]
    public void Header_values_are_trimmed_and_names_lower_cased()
    {
        var canonical = AcsSignatureV3.BuildCanonicalRequest(
            "POST", "/", [], [new("X-Acs-Action", "  Send  "), new("HOST", "h")], "p", out var signed);

        Assert.Contains("host:h\nx-acs-action:Send\n", canonical, StringComparison.Ordinal);
        Assert.Equal("host;x-acs-action", signed);
    }

    [Theory]
    [InlineData("a b", "a%20b")]
    [InlineData("a*b", "a%2Ab")]
    [InlineData("~-_.", "~-_.")]
    [InlineData("{\"k\":1}", "%7B%22k%22%3A1%7D")]
    [InlineData("é", "%C3%A9")]
    [InlineData("😀", "%F0%9F%98%80")]
    [InlineData("a+b/c=d&e", "a%2Bb%2Fc%3Dd%26e")]
    public void Percent_encoding_leaves_only_unreserved_characters_literal(string value, string expected)
    {
        Assert.Equal(expected, AcsPercentEncoding.Encode(value));
    }

    [Fact]
    public void Payload_hash_is_lower_case_hex_sha256_of_the_body()
    {
        Assert.Equal(
            "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824",
            AcsSignatureV3.HashPayload("hello"u8));
    }
}
