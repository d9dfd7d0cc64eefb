using LiveRelay.AlibabaCloud.Signing;

namespace LiveRelay.AlibabaCloud.Tests.Support;

/// <summary>
/// Recomputes a signature from a request as it arrived on the wire, the way the Live API verifies it: nothing
/// is taken from the sender's own notion of what it signed except the list of signed header names.
/// </summary>
public static class CapturedRequestSignature
{
    /// <summary>Parses <c>ACS3-HMAC-SHA256 Credential=..,SignedHeaders=..,Signature=..</c>.</summary>
    public static (string Credential, string SignedHeaders, string Signature) ParseAuthorization(string authorization)
    {
        Assert.StartsWith(AcsSignatureV3.Algorithm + " ", authorization, StringComparison.Ordinal);
        var fields = authorization[(AcsSignatureV3.Algorithm.Length + 1)..]
            .Split(',')
            .Select(part => part.Split('=', 2))
            .ToDictionary(kv => kv[0], kv => kv[1], StringComparer.Ordinal);
        return (fields["Credential"], fields["SignedHeaders"], fields["Signature"]);
    }

    /// <summary>The V3 canonical request rebuilt from the captured method, path, query, headers and body.</summary>
    public static string RebuildCanonicalRequestV3(CapturedRequest request, out string signedHeaders)
    {
        var authorization = request.Header("Authorization") ?? throw new InvalidOperationException("No Authorization header.");
        var names = ParseAuthorization(authorization).SignedHeaders.Split(';');
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var name in names)
        {
            var values = request.HeaderValues(name);
            Assert.True(values.Count > 0, $"Signed header {name} was not sent.");
            headers.AddRange(values.Select(v => new KeyValuePair<string, string>(name, v)));
        }

        return AcsSignatureV3.BuildCanonicalRequest(
            request.Method, request.Path, request.Query, headers, AcsSignatureV3.HashPayload(request.Body), out signedHeaders);
    }

    /// <summary>The Authorization header a verifier holding the secret would expect for the captured request.</summary>
    public static string ExpectedAuthorizationV3(CapturedRequest request, string accessKeyId, string accessKeySecret)
    {
        var canonical = RebuildCanonicalRequestV3(request, out var signedHeaders);
        var signature = AcsSignatureV3.ComputeSignature(AcsSignatureV3.BuildStringToSign(canonical), accessKeySecret);
        return AcsSignatureV3.BuildAuthorization(accessKeyId, signedHeaders, signature);
    }

    /// <summary>The V1 string to sign rebuilt from the captured query and form body (all but Signature).</summary>
    public static string RebuildStringToSignV1(CapturedRequest request)
    {
        var parameters = request.Query.ToList();
        if (request.Header("Content-Type") is { } contentType
            && contentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            parameters.AddRange(request.Form);
        }

        return RpcSignatureV1.BuildStringToSign(request.Method, parameters);
    }

    /// <summary>The Signature parameter a verifier holding the secret would expect for the captured request.</summary>
    public static string ExpectedSignatureV1(CapturedRequest request, string accessKeySecret) =>
        RpcSignatureV1.ComputeSignature(RebuildStringToSignV1(request), accessKeySecret);
}
