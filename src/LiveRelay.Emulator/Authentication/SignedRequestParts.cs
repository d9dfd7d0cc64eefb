using LiveRelay.AlibabaCloud.Signing;

namespace LiveRelay.Emulator.Authentication;

/// <summary>
/// What a signed call claims, taken from its signature scheme's own places (headers for V3, parameters for V1), before
/// anything is verified.
/// </summary>
internal sealed record SignedRequestParts(
    SignatureVersion SignatureVersion,
    string Action,
    string ApiVersion,
    string AccessKeyId,
    string Timestamp,
    string Nonce,
    string? SecurityToken,
    string Signature)
{
    /// <summary>V3 only: the header names the signature covers, as the caller listed them.</summary>
    public IReadOnlyList<string> SignedHeaders { get; init; } = [];
}
