using System.Text.RegularExpressions;

namespace LiveRelay.AlibabaCloud.Client;

/// <summary>
/// What the API says in an error (<c>Message</c>, <c>Recommend</c>, a body that is not JSON) is untrusted text that ends
/// up in logs, poison reasons and HTTP answers. A <c>SignatureDoesNotMatch</c> answer quotes the server's string to sign,
/// which holds the STS token and the message's content, so that part is withheld, and any credential parameter the
/// rest mentions is redacted.
/// </summary>
public static partial class LiveApiErrorText
{
    public const string Redacted = "[redacted]";
    public const string Withheld = "[withheld]";

    /// <summary>The longest text kept; an error message longer than this is not one a person reads anyway.</summary>
    public const int MaxLength = 512;

    public static string Sanitize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var at = StringToSign().Match(text);
        if (at.Success)
        {
            text = text[..(at.Index + at.Length)].TrimEnd(' ', ':', '=') + ": " + Withheld;
        }

        text = CredentialParameter().Replace(text, static m => m.Groups["name"].Value + m.Groups["sep"].Value + Redacted);
        text = text.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
        return text.Length <= MaxLength ? text : text[..MaxLength] + "...";
    }

    [GeneratedRegex(@"string\s*to\s*sign(\s*is)?\s*[:=]?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StringToSign();

    // name=value, name:value and the percent-encoded forms a canonical query uses (%3D, %253D), up to the next separator.
    [GeneratedRegex(
        @"(?<name>SecurityToken|x-acs-security-token|AccessKeyId|AccessKeySecret|Signature|Credential|SignatureNonce)(?<sep>\s*(=|:|%3D|%253D)\s*)(?<value>(?:(?!%26|%2526)[^&\s,;""'])+)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CredentialParameter();
}
