using System.Security.Cryptography;
using System.Text;
using LiveRelay.Intake.Verification;
using static LiveRelay.Tests.Intake.Verification.VerifierHarness;

namespace LiveRelay.Tests.Intake.Verification;

public sealed class HmacVerifierTests
{
    private const string Body = "{\"room\":\"r1\"}";
    private static readonly DateTimeOffset Now = DateTimeOffset.UnixEpoch;

    private static HmacVerifier Create(string header = "X-Signature", string algorithm = "SHA256", bool base64 = false, string prefix = "", HmacSecretEncoding encoding = HmacSecretEncoding.Utf8) =>
        new(new HmacSettings(header, new HashAlgorithmName(algorithm), base64, prefix, encoding));

    [Theory]
    [InlineData("SHA1")]
    [InlineData("SHA256")]
    [InlineData("SHA384")]
    [InlineData("SHA512")]
    public void Verifies_hex_signatures_with_each_algorithm(string algorithm)
    {
        var signature = Convert.ToHexStringLower(TestSignatures.Hmac(new HashAlgorithmName(algorithm), "k1"u8.ToArray(), Body));

        Verified(Verify(Create(algorithm: algorithm), new Dictionary<string, string> { ["X-Signature"] = signature }, Body, Now, "k1"));
        Failed(Verify(Create(algorithm: algorithm), new Dictionary<string, string> { ["X-Signature"] = signature }, Body + "x", Now, "k1"), "does not match");
    }

    [Fact]
    public void Verifies_base64_signatures_with_a_prefix()
    {
        var signature = "sha512=" + Convert.ToBase64String(TestSignatures.Hmac(HashAlgorithmName.SHA512, "k1"u8.ToArray(), Body));
        var verifier = Create("X-Shop-Hmac", "SHA512", base64: true, prefix: "sha512=");

        Verified(Verify(verifier, new Dictionary<string, string> { ["X-Shop-Hmac"] = signature }, Body, Now, "k1"));
        Failed(Verify(verifier, new Dictionary<string, string> { ["X-Shop-Hmac"] = signature[7..] }, Body, Now, "k1"), "must start with 'sha512='");
    }

    [Fact]
    public void Decodes_base64_and_hex_secrets()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var signature = Convert.ToHexStringLower(TestSignatures.Hmac(HashAlgorithmName.SHA256, key, Body));
        var headers = new Dictionary<string, string> { ["X-Signature"] = signature };

        Verified(Verify(Create(encoding: HmacSecretEncoding.Base64), headers, Body, Now, Convert.ToBase64String(key)));
        Verified(Verify(Create(encoding: HmacSecretEncoding.Hex), headers, Body, Now, Convert.ToHexString(key)));
        Assert.Null(Create(encoding: HmacSecretEncoding.Hex).DecodeKey("not hex", out var hexProblem));
        Assert.Contains("hexadecimal", hexProblem, StringComparison.Ordinal);
        Assert.Null(Create(encoding: HmacSecretEncoding.Base64).DecodeKey("***", out var base64Problem));
        Assert.Contains("base64", base64Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Accepts_any_configured_secret()
    {
        var signature = Convert.ToHexStringLower(TestSignatures.Hmac(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes("old"), Body));

        Verified(Verify(Create(), new Dictionary<string, string> { ["X-Signature"] = signature }, Body, Now, "new", "old"));
        Failed(Verify(Create(), new Dictionary<string, string> { ["X-Signature"] = signature }, Body, Now, "new"), "does not match");
    }

    [Fact]
    public void Rejects_a_missing_or_undecodable_header()
    {
        Failed(Verify(Create(), new Dictionary<string, string>(), Body, Now, "k1"), "X-Signature header is required");
        Failed(Verify(Create(), new Dictionary<string, string> { ["X-Signature"] = "zz" }, Body, Now, "k1"), "not hex");
        Failed(Verify(Create(base64: true), new Dictionary<string, string> { ["X-Signature"] = "***" }, Body, Now, "k1"), "not base64");
    }
}
