using LiveRelay.AlibabaCloud.Signing;
using LiveRelay.Emulator.Api;

namespace LiveRelay.Emulator.Authentication;

/// <summary>
/// ACS3-HMAC-SHA256. The canonical request is rebuilt from what arrived: the headers named in SignedHeaders, the
/// decoded query re-encoded, and <c>x-acs-content-sha256</c>, which must be the SHA-256 of the body that arrived.
/// <c>host</c> and every <c>x-acs-*</c> header must be signed.
/// </summary>
internal sealed class AcsV3SignatureScheme : ISignatureScheme
{
    public const string ActionHeader = "x-acs-action";
    public const string VersionHeader = "x-acs-version";
    public const string DateHeader = "x-acs-date";
    public const string NonceHeader = "x-acs-signature-nonce";
    public const string ContentHashHeader = "x-acs-content-sha256";
    public const string SecurityTokenHeader = "x-acs-security-token";
    public const string AccessKeyIdHeader = "x-acs-accesskey-id";

    public bool TryRead(IncomingRequest request, out SignedRequestParts? parts, out ApiError? error)
    {
        parts = null;
        if (!AuthorizationHeader.TryParse(request.Header("Authorization"), out var authorization, out var problem))
        {
            error = ApiErrors.IncompleteSignature(problem);
            return false;
        }

        var signedHeaders = authorization!.SignedHeaders.Split(';');
        var action = request.Header(ActionHeader);
        var version = request.Header(VersionHeader);
        var date = request.Header(DateHeader);
        var nonce = request.Header(NonceHeader);
        error = string.IsNullOrEmpty(action) ? ApiErrors.Missing("Action")
            : string.IsNullOrEmpty(version) ? ApiErrors.Missing("Version")
            : string.IsNullOrEmpty(date) ? ApiErrors.IncompleteSignature($"The {DateHeader} header is required.")
            : string.IsNullOrEmpty(nonce) ? ApiErrors.IncompleteSignature($"The {NonceHeader} header is required.")
            : string.IsNullOrEmpty(request.Header(ContentHashHeader)) ? ApiErrors.IncompleteSignature($"The {ContentHashHeader} header is required.")
            : CheckSignedHeaderList(request, authorization, signedHeaders);
        if (error is not null)
        {
            return false;
        }

        parts = new SignedRequestParts(
            SignatureVersion.V3, action!, version!, authorization.AccessKeyId, date!, nonce!,
            request.Header(SecurityTokenHeader), authorization.Signature)
        {
            SignedHeaders = signedHeaders,
        };
        return true;
    }

    public ApiError? Verify(IncomingRequest request, SignedRequestParts parts, string accessKeySecret)
    {
        var claimedHash = request.Header(ContentHashHeader)!;
        if (!string.Equals(claimedHash, AcsSignatureV3.HashPayload(request.Body), StringComparison.Ordinal))
        {
            return ApiErrors.PayloadHashDoesNotMatch();
        }

        var headers = new List<KeyValuePair<string, string>>(parts.SignedHeaders.Count);
        foreach (var name in parts.SignedHeaders)
        {
            if (request.Headers.TryGetValue(name, out var values))
            {
                foreach (var value in values)
                {
                    headers.Add(new(name, value ?? string.Empty));
                }
            }
        }

        var canonical = AcsSignatureV3.BuildCanonicalRequest(request.Method, "/", request.Query, headers, claimedHash, out _);
        var stringToSign = AcsSignatureV3.BuildStringToSign(canonical);
        var expected = AcsSignatureV3.ComputeSignature(stringToSign, accessKeySecret);
        return ConstantTime.AreEqual(expected, parts.Signature) ? null : ApiErrors.SignatureDoesNotMatch(stringToSign);
    }

    private static ApiError? CheckSignedHeaderList(IncomingRequest request, AuthorizationHeader authorization, string[] signedHeaders)
    {
        // The canonical request lists the names lower-case, sorted, once each; a list in any other shape cannot have been signed.
        for (var i = 0; i < signedHeaders.Length; i++)
        {
            var name = signedHeaders[i];
            if (name.Length == 0 || !string.Equals(name, name.ToLowerInvariant(), StringComparison.Ordinal)
                || (i > 0 && string.CompareOrdinal(signedHeaders[i - 1], name) >= 0))
            {
                return ApiErrors.IncompleteSignature("SignedHeaders must list lower-case header names, sorted, each once.");
            }

            if (!request.Headers.ContainsKey(name))
            {
                return ApiErrors.IncompleteSignature($"SignedHeaders names {name}, which the request does not carry.");
            }
        }

        if (Array.BinarySearch(signedHeaders, "host", StringComparer.Ordinal) < 0)
        {
            return ApiErrors.IncompleteSignature("The host header must be signed.");
        }

        foreach (var (name, _) in request.Headers)
        {
            var lower = name.ToLowerInvariant();
            if (lower.StartsWith("x-acs-", StringComparison.Ordinal) && Array.BinarySearch(signedHeaders, lower, StringComparer.Ordinal) < 0)
            {
                return ApiErrors.IncompleteSignature($"The {lower} header must be signed.");
            }
        }

        var accessKeyHeader = request.Header(AccessKeyIdHeader);
        if (accessKeyHeader is not null && !string.Equals(accessKeyHeader, authorization.AccessKeyId, StringComparison.Ordinal))
        {
            return ApiErrors.IncompleteSignature($"The {AccessKeyIdHeader} header does not match the Credential.");
        }

        return null;
    }
}
