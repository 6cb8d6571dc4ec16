using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Connector.Fakes.Crm.Salesforce;

/// <summary>A connected app's signing pair: the certificate uploaded to the fake, and the private key (PEM) the connector signs with.</summary>
public sealed class FakeSalesforceCertificate : IDisposable
{
    private FakeSalesforceCertificate(X509Certificate2 certificate, string privateKeyPem)
    {
        Certificate = certificate;
        PrivateKeyPem = privateKeyPem;
    }

    public X509Certificate2 Certificate { get; }

    public string PrivateKeyPem { get; }

    public static FakeSalesforceCertificate Create(string subject = "CN=connector-jwt")
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        return new FakeSalesforceCertificate(certificate, key.ExportPkcs8PrivateKeyPem());
    }

    /// <summary>Writes the private key to a temporary PEM file (for <c>Crm:Salesforce:PrivateKeyPath</c>); the caller deletes it.</summary>
    public string WritePrivateKeyFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"fake-salesforce-{Guid.NewGuid():N}.key.pem");
        File.WriteAllText(path, PrivateKeyPem);
        return path;
    }

    public void Dispose() => Certificate.Dispose();
}
