namespace LiveRelay.AlibabaCloud.Client;

/// <summary>
/// A signed call, ready to send: what goes on the wire, plus the intermediate strings the signature was
/// computed from (for tests and diagnostics). No AccessKeySecret is in any of them, but with an STS credential
/// the URI (V1), the headers (V3) and the signed strings carry the security token, so <see cref="ToString"/>
/// shows neither.
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

    public override string ToString() =>
        $"SignedLiveApiRequest {{ Method = {Method}, Endpoint = {RequestUri.GetLeftPart(UriPartial.Path)}, Body = {Body.Length} bytes }}";
}
