using LiveRelay.AlibabaCloud.Signing;

namespace LiveRelay.Emulator.Authentication;

/// <summary>
/// A parsed V3 <c>Authorization</c> header:
/// <c>ACS3-HMAC-SHA256 Credential=ID,SignedHeaders=a;b;c,Signature=hex</c>.
/// </summary>
internal sealed record AuthorizationHeader(string AccessKeyId, string SignedHeaders, string Signature)
{
    public static bool TryParse(string? value, out AuthorizationHeader? header, out string problem)
    {
        header = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            problem = "The Authorization header is missing.";
            return false;
        }

        var space = value.IndexOf(' ', StringComparison.Ordinal);
        var algorithm = space < 0 ? value : value[..space];
        if (!string.Equals(algorithm, AcsSignatureV3.Algorithm, StringComparison.Ordinal))
        {
            problem = $"The Authorization header must start with {AcsSignatureV3.Algorithm}.";
            return false;
        }

        string? credential = null, signedHeaders = null, signature = null;
        foreach (var part in value[(space + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                problem = "The Authorization header has a part that is not name=value.";
                return false;
            }

            var name = part[..equals];
            var item = part[(equals + 1)..];
            switch (name)
            {
                case "Credential":
                    credential = item;
                    break;
                case "SignedHeaders":
                    signedHeaders = item;
                    break;
                case "Signature":
                    signature = item;
                    break;
                default:
                    problem = $"The Authorization header has an unknown part '{name}'.";
                    return false;
            }
        }

        if (string.IsNullOrEmpty(credential) || string.IsNullOrEmpty(signedHeaders) || string.IsNullOrEmpty(signature))
        {
            problem = "The Authorization header must have Credential, SignedHeaders and Signature.";
            return false;
        }

        header = new AuthorizationHeader(credential, signedHeaders, signature);
        problem = string.Empty;
        return true;
    }
}
