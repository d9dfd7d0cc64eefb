namespace LiveRelay.AlibabaCloud.Signing;

/// <summary>How Live API calls are signed.</summary>
public enum SignatureVersion
{
    /// <summary>ACS3-HMAC-SHA256 in the Authorization header (the current scheme, default).</summary>
    V3,

    /// <summary>The older RPC scheme: HMAC-SHA1 over the sorted parameters, sent as the Signature parameter.</summary>
    V1,
}
