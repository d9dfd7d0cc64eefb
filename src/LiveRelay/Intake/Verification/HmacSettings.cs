using System.Security.Cryptography;

namespace LiveRelay.Intake.Verification;

/// <summary>The compiled settings of an <c>hmac</c> source.</summary>
internal sealed record HmacSettings(string Header, HashAlgorithmName Algorithm, bool Base64Signature, string Prefix, HmacSecretEncoding SecretEncoding);
