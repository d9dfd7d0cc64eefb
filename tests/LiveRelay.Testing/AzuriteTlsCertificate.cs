using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace LiveRelay.Testing;

/// <summary>A throwaway self-signed certificate for 127.0.0.1, written as PEM files for Azurite's --cert/--key.</summary>
public sealed class AzuriteTlsCertificate : IDisposable
{
    private readonly string _directory;

    private AzuriteTlsCertificate(X509Certificate2 certificate, string directory, string certificatePath, string keyPath)
    {
        Certificate = certificate;
        _directory = directory;
        CertificatePath = certificatePath;
        KeyPath = keyPath;
    }

    public X509Certificate2 Certificate { get; }

    public string CertificatePath { get; }

    public string KeyPath { get; }

    public static AzuriteTlsCertificate Create()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        var now = DateTimeOffset.UtcNow;
        var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));

        var directory = Directory.CreateTempSubdirectory("liverelay-azurite-tls-").FullName;
        var certificatePath = Path.Combine(directory, "cert.pem");
        var keyPath = Path.Combine(directory, "key.pem");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        return new AzuriteTlsCertificate(certificate, directory, certificatePath, keyPath);
    }

    /// <summary>Trusts exactly this certificate: for an HttpClientHandler's or SocketsHttpHandler's validation callback.</summary>
    public bool IsThisCertificate(X509Certificate? presented) =>
        presented is not null && presented.GetCertHashString() == Certificate.GetCertHashString();

    public void Dispose()
    {
        Certificate.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
