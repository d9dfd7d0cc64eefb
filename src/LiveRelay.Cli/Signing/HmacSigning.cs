namespace LiveRelay.Cli.Signing;

/// <summary>The <c>hmac</c> scheme's settings, as a source's <c>Verification</c> section names them.</summary>
internal sealed record HmacSigning(string Header, string Prefix, string Algorithm, string Encoding, string SecretEncoding);
