using LiveRelay.AlibabaCloud.Signing;
using LiveRelay.Emulator.Api;

namespace LiveRelay.Emulator.Authentication;

/// <summary>
/// The RPC signature V1: HMAC-SHA1 over every query and form parameter except <c>Signature</c>, keyed with
/// <c>AccessKeySecret + "&amp;"</c>. The common parameters travel in the query, as the SDKs send them.
/// </summary>
internal sealed class RpcV1SignatureScheme : ISignatureScheme
{
    private static readonly string[] Required =
        ["Action", "Version", "AccessKeyId", "Signature", "SignatureMethod", "SignatureVersion", "SignatureNonce", "Timestamp"];

    public bool TryRead(IncomingRequest request, out SignedRequestParts? parts, out ApiError? error)
    {
        parts = null;
        foreach (var name in Required)
        {
            if (string.IsNullOrEmpty(request.Parameter(name)))
            {
                error = ApiErrors.Missing(name);
                return false;
            }
        }

        if (!string.Equals(request.Parameter("SignatureMethod"), RpcSignatureV1.SignatureMethod, StringComparison.Ordinal))
        {
            error = ApiErrors.SignatureMethod();
            return false;
        }

        if (!string.Equals(request.Parameter("SignatureVersion"), RpcSignatureV1.Version, StringComparison.Ordinal))
        {
            error = ApiErrors.IncompleteSignature($"SignatureVersion must be {RpcSignatureV1.Version}.");
            return false;
        }

        parts = new SignedRequestParts(
            SignatureVersion.V1,
            request.Parameter("Action")!,
            request.Parameter("Version")!,
            request.Parameter("AccessKeyId")!,
            request.Parameter("Timestamp")!,
            request.Parameter("SignatureNonce")!,
            request.Parameter("SecurityToken"),
            request.Parameter("Signature")!);
        error = null;
        return true;
    }

    public ApiError? Verify(IncomingRequest request, SignedRequestParts parts, string accessKeySecret)
    {
        var stringToSign = RpcSignatureV1.BuildStringToSign(request.Method, request.Query.Concat(request.Form));
        var expected = RpcSignatureV1.ComputeSignature(stringToSign, accessKeySecret);
        return ConstantTime.AreEqual(expected, parts.Signature) ? null : ApiErrors.SignatureDoesNotMatch(stringToSign);
    }
}
