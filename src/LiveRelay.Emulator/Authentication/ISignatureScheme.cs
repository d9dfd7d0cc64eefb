using LiveRelay.Emulator.Api;

namespace LiveRelay.Emulator.Authentication;

/// <summary>One way of signing calls (V3 or V1): how to read a call's claims, and how to check its signature.</summary>
internal interface ISignatureScheme
{
    /// <summary>Reads the claims, or explains (as the API would) why the call is not a well-formed signed call.</summary>
    bool TryRead(IncomingRequest request, out SignedRequestParts? parts, out ApiError? error);

    /// <summary>Recomputes the signature with the caller's secret; null when it matches.</summary>
    ApiError? Verify(IncomingRequest request, SignedRequestParts parts, string accessKeySecret);
}
