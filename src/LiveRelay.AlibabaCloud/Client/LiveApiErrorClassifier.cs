using System.Net;

namespace LiveRelay.AlibabaCloud.Client;

/// <summary>Decides what an error answer means. Throttling is recognised by code, never by status alone.</summary>
public static class LiveApiErrorClassifier
{
    public static LiveApiErrorKind Classify(HttpStatusCode statusCode, string? code)
    {
        code ??= string.Empty;
        if (code.StartsWith("Throttling", StringComparison.OrdinalIgnoreCase))
        {
            return LiveApiErrorKind.Throttled;
        }

        if (code is "NoAuth" or "SignatureDoesNotMatch" or "IncompleteSignature" or "InvalidSecurityToken.Expired"
            || code.StartsWith("InvalidAccessKeyId", StringComparison.Ordinal)
            || code.StartsWith("InvalidSecurityToken", StringComparison.Ordinal))
        {
            return LiveApiErrorKind.Authentication;
        }

        if ((int)statusCode >= 500 || code is "ServiceUnavailable" or "InternalError" or "ServerError")
        {
            return LiveApiErrorKind.Transient;
        }

        // A 429 without a Throttling code is still a request to slow down.
        if (statusCode == HttpStatusCode.TooManyRequests)
        {
            return LiveApiErrorKind.Throttled;
        }

        return LiveApiErrorKind.Permanent;
    }
}
