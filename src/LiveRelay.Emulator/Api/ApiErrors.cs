using Microsoft.AspNetCore.Http;

namespace LiveRelay.Emulator.Api;

/// <summary>
/// The errors the emulator answers, with the codes, HTTP statuses and messages of Alibaba Cloud's OpenAPI gateway
/// (common error codes) and of the Live messaging operations (InputInvalid, ResourceNotExist, ServerError).
/// </summary>
public static class ApiErrors
{
    public const string IncompleteSignatureCode = "IncompleteSignature";
    public const string SignatureDoesNotMatchCode = "SignatureDoesNotMatch";
    public const string InvalidAccessKeyIdNotFoundCode = "InvalidAccessKeyId.NotFound";
    public const string InvalidTimeStampFormatCode = "InvalidTimeStamp.Format";
    public const string InvalidTimeStampExpiredCode = "InvalidTimeStamp.Expired";
    public const string SignatureNonceUsedCode = "SignatureNonceUsed";
    public const string InvalidSignatureMethodCode = "InvalidSignatureMethod";
    public const string InvalidSecurityTokenMismatchCode = "InvalidSecurityToken.MismatchWithAccessKey";
    public const string InvalidApiNotFoundCode = "InvalidApi.NotFound";
    public const string UnsupportedHttpMethodCode = "UnsupportedHTTPMethod";
    public const string InputInvalidCode = "InputInvalid";
    public const string ResourceNotExistCode = "ResourceNotExist";
    public const string ThrottlingUserCode = "Throttling.User";
    public const string ServerErrorCode = "ServerError";
    public const string ServiceUnavailableCode = "ServiceUnavailable";

    /// <summary>A required parameter is absent or empty: <c>Missing{Name}</c>, as the gateway names it.</summary>
    public static ApiError Missing(string parameter) =>
        new(StatusCodes.Status400BadRequest, "Missing" + parameter, $"{parameter} is mandatory for this action.");

    public static ApiError IncompleteSignature(string detail) =>
        new(StatusCodes.Status400BadRequest, IncompleteSignatureCode, "The request signature does not conform to Aliyun standards. " + detail);

    /// <summary>The gateway shows the string it signed, so the caller can compare it with its own (it holds no secret).</summary>
    public static ApiError SignatureDoesNotMatch(string stringToSign) =>
        new(StatusCodes.Status400BadRequest, SignatureDoesNotMatchCode, "Specified signature is not matched with our calculation. server string to sign is:" + stringToSign);

    public static ApiError PayloadHashDoesNotMatch() =>
        new(StatusCodes.Status400BadRequest, SignatureDoesNotMatchCode, "Specified signature is not matched with our calculation. x-acs-content-sha256 is not the SHA-256 of the request body.");

    public static ApiError AccessKeyNotFound() =>
        new(StatusCodes.Status404NotFound, InvalidAccessKeyIdNotFoundCode, "Specified access key is not found.");

    public static ApiError TimestampFormat() =>
        new(StatusCodes.Status400BadRequest, InvalidTimeStampFormatCode, "Specified time stamp or date value is not well formatted.");

    public static ApiError TimestampExpired() =>
        new(StatusCodes.Status400BadRequest, InvalidTimeStampExpiredCode, "Specified time stamp or date value is expired.");

    public static ApiError NonceUsed() =>
        new(StatusCodes.Status400BadRequest, SignatureNonceUsedCode, "Specified signature nonce was used already.");

    public static ApiError SignatureMethod() =>
        new(StatusCodes.Status400BadRequest, InvalidSignatureMethodCode, "Specified signature method is not valid.");

    public static ApiError SecurityTokenMismatch() =>
        new(StatusCodes.Status400BadRequest, InvalidSecurityTokenMismatchCode, "Specified SecurityToken mismatch with the AccessKey.");

    public static ApiError ApiNotFound() =>
        new(StatusCodes.Status404NotFound, InvalidApiNotFoundCode, "Specified api is not found, please check your url and method.");

    public static ApiError HttpMethod() =>
        new(StatusCodes.Status400BadRequest, UnsupportedHttpMethodCode, "This http method is not supported.");

    /// <summary>The Live API's own parameter error; the detail names each parameter and the rule it breaks.</summary>
    public static ApiError InputInvalid(string detail) =>
        new(StatusCodes.Status400BadRequest, InputInvalidCode, detail.EndsWith('.') ? detail : detail + ".");

    public static ApiError AppNotFound(string appId) =>
        new(StatusCodes.Status404NotFound, ResourceNotExistCode, $"The specified app does not exist: AppId {appId}.");

    public static ApiError Throttled(TimeSpan? retryAfter) =>
        new(StatusCodes.Status400BadRequest, ThrottlingUserCode, "Request was denied due to user flow control.") { RetryAfter = retryAfter };

    public static ApiError ServerError() =>
        new(StatusCodes.Status500InternalServerError, ServerErrorCode, "The request processing has failed due to some unknown error, exception or failure.");

    public static ApiError ServiceUnavailable() =>
        new(StatusCodes.Status503ServiceUnavailable, ServiceUnavailableCode, "The request has failed due to a temporary failure of the server.");
}
