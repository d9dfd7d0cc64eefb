namespace LiveRelay.AlibabaCloud.Client;

/// <summary>
/// A signed call, ready to send: what goes on the wire, plus the intermediate strings the signature was
/// computed from (for tests and diagnostics; they contain no secret).
/// </summary>
public sealed record SignedLiveApiRequest(
    Uri RequestUri,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    byte[] Body,
    string? ContentType,
    string StringToSign,
    string? CanonicalRequest)
{
    public const string Method = "POST";
}
