using LiveRelay.AlibabaCloud.Messaging;
using LiveRelay.Emulator.Api;
using LiveRelay.Emulator.Settings;
using Microsoft.Extensions.Options;

namespace LiveRelay.Emulator.Authentication;

/// <summary>
/// Decides whether a call is from a known key and unaltered, in the gateway's order: the signature's shape, the
/// operation, the AccessKey ID, the timestamp window, the STS token, the signature itself, and last the nonce (so only
/// genuine calls use one up).
/// </summary>
internal sealed class RequestAuthenticator(
    CredentialStore credentials, NonceRegistry nonces, TimeProvider timeProvider, IOptions<EmulatorOptions> options)
{
    private static readonly AcsV3SignatureScheme V3 = new();
    private static readonly RpcV1SignatureScheme V1 = new();

    private readonly TimeSpan _clockSkew = options.Value.ClockSkew;

    public bool TryAuthenticate(IncomingRequest request, out AuthenticatedCaller? caller, out ApiError? error)
    {
        caller = null;
        if (!TryRead(request, out var scheme, out var parts, out error))
        {
            return false;
        }

        if (parts!.Action is not (LiveApiActions.SendMessageToGroup or LiveApiActions.SendLiveMessageUser)
            || !string.Equals(parts.ApiVersion, LiveApiActions.ApiVersion, StringComparison.Ordinal))
        {
            error = ApiErrors.ApiNotFound();
            return false;
        }

        var credential = credentials.Find(parts.AccessKeyId);
        if (credential is null)
        {
            error = ApiErrors.AccessKeyNotFound();
            return false;
        }

        if (!RequestTimestamp.TryParse(parts.Timestamp, out var timestamp))
        {
            error = ApiErrors.TimestampFormat();
            return false;
        }

        if ((timeProvider.GetUtcNow() - timestamp).Duration() > _clockSkew)
        {
            error = ApiErrors.TimestampExpired();
            return false;
        }

        error = CheckSecurityToken(credential.SecurityToken, parts.SecurityToken)
            ?? scheme!.Verify(request, parts, credential.AccessKeySecret);
        if (error is not null)
        {
            return false;
        }

        // Kept until the call's own timestamp leaves the window: by then a replay fails the timestamp check instead.
        if (!nonces.TryRegister(parts.AccessKeyId, parts.Nonce, timestamp + _clockSkew))
        {
            error = ApiErrors.NonceUsed();
            return false;
        }

        caller = new AuthenticatedCaller(parts.AccessKeyId, parts.SignatureVersion, parts.Action);
        return true;
    }

    private static bool TryRead(IncomingRequest request, out ISignatureScheme? scheme, out SignedRequestParts? parts, out ApiError? error)
    {
        parts = null;
        if (request.Header("Authorization") is not null)
        {
            scheme = V3;
        }
        else if (request.Parameter("Signature") is null && request.Header(AcsV3SignatureScheme.ActionHeader) is not null
            && request.Parameter("Action") is null)
        {
            // Shaped like a V3 call, but unsigned.
            scheme = null;
            error = ApiErrors.IncompleteSignature("The Authorization header is missing.");
            return false;
        }
        else
        {
            scheme = V1;
        }

        return scheme.TryRead(request, out parts, out error);
    }

    private static ApiError? CheckSecurityToken(string? expected, string? presented)
    {
        if (expected is null)
        {
            return string.IsNullOrEmpty(presented) ? null : ApiErrors.SecurityTokenMismatch();
        }

        if (string.IsNullOrEmpty(presented))
        {
            return ApiErrors.Missing("SecurityToken");
        }

        return ConstantTime.AreEqual(expected, presented) ? null : ApiErrors.SecurityTokenMismatch();
    }
}
