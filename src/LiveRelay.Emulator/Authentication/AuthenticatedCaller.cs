using LiveRelay.AlibabaCloud.Signing;

namespace LiveRelay.Emulator.Authentication;

/// <summary>A call whose signature, timestamp, nonce and token all checked out.</summary>
internal sealed record AuthenticatedCaller(string AccessKeyId, SignatureVersion SignatureVersion, string Action);
