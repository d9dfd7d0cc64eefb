using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace LiveRelay.Tests.Secrets.Support;

/// <summary>A self-signed server certificate for 127.0.0.1, generated for this test run, and a client check that trusts only it.</summary>
internal static class TestCertificate
{
    private static readonly Lazy<X509Certificate2> Lazy = new(Create);

    public static X509Certificate2 Server => Lazy.Value;

    /// <summary>Accepts exactly the generated certificate (by SHA-256 thumbprint) with a matching name; nothing else.</summary>
    public static bool Validate(X509Certificate? certificate, SslPolicyErrors errors) =>
        certificate is not null
        && (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) == SslPolicyErrors.None
        && CryptographicOperations.FixedTimeEquals(
            certificate.GetCertHash(HashAlgorithmName.SHA256), Server.GetCertHash(HashAlgorithmName.SHA256));

    public static SocketsHttpHandler CreateTrustingHandler() => new()
    {
        SslOptions = new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = static (_, certificate, _, errors) => Validate(certificate, errors),
        },
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(5),
    };

    private static X509Certificate2 Create()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1", "Server Authentication")], false));
        var now = DateTimeOffset.UtcNow;
        using var ephemeral = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
        // Reloaded from PKCS#12 so the private key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), null);
    }
}
