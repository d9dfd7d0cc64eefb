namespace LiveRelay.Intake.Configuration;

/// <summary>How a source's requests prove that they come from the source.</summary>
public sealed class VerificationOptions
{
    public const string SchemeNone = "none";
    public const string SchemeStandardWebhooks = "standard-webhooks";
    public const string SchemeGitHub = "github";
    public const string SchemeStripe = "stripe";
    public const string SchemeHmac = "hmac";

    /// <summary>
    /// <c>none</c>, <c>standard-webhooks</c>, <c>github</c>, <c>stripe</c> or <c>hmac</c>. Required: a source without
    /// verification must say <c>none</c> explicitly.
    /// </summary>
    public string? Scheme { get; set; }

    /// <summary>
    /// Names of the signing secrets in the secret provider (Key Vault, or configuration for local runs). A request
    /// signed with any of them is accepted, so a secret can be rotated without downtime.
    /// </summary>
    public List<string> SecretNames { get; } = [];

    /// <summary>How far a signed timestamp may be from now, either way (schemes that sign one). Default 5 minutes.</summary>
    public TimeSpan Tolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary><c>hmac</c>: the header that carries the signature.</summary>
    public string? Header { get; set; }

    /// <summary><c>hmac</c>: <c>sha256</c> (default), <c>sha1</c>, <c>sha384</c> or <c>sha512</c>.</summary>
    public string? Algorithm { get; set; }

    /// <summary><c>hmac</c>: how the signature is written, <c>hex</c> (default) or <c>base64</c>.</summary>
    public string? Encoding { get; set; }

    /// <summary><c>hmac</c>: text before the signature in the header, e.g. <c>sha256=</c>.</summary>
    public string? Prefix { get; set; }

    /// <summary><c>hmac</c>: how the secret's text becomes the key, <c>utf8</c> (default), <c>base64</c> or <c>hex</c>.</summary>
    public string? SecretEncoding { get; set; }
}
