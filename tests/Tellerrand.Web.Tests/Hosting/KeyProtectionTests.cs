using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tellerrand.Web.Tests.Infrastructure;

namespace Tellerrand.Web.Tests.Hosting;

/// <summary>The keys that sign cookies and tokens sit in the database; with a certificate configured, only encrypted.</summary>
public sealed class KeyProtectionTests : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("tellerrand-cert-");

    public void Dispose() => folder.Delete(recursive: true);

    [Fact]
    public async Task WithACertificateTheStoredKeysAreEncrypted()
    {
        var pfx = Path.Combine(folder.FullName, "keys.pfx");
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=Tellerrand keys", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "geheim"));
        }
        await using var app = new CertificateApp(pfx, "geheim");
        await app.InitializeAsync();

        var protector = app.Get<IDataProtectionProvider>().CreateProtector("test");
        Assert.Equal("Hallo", protector.Unprotect(protector.Protect("Hallo")));

        await using var db = app.CreateDb();
        var keys = await db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync();
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("encryptedSecret", xml);
            Assert.DoesNotContain("<masterKey", xml);
        });
    }

    [Fact]
    public void AnUnreadableCertificateStopsTheStartWithTheReason()
    {
        using var app = new CertificateApp("/nonexistent/keys.pfx", null);

        var error = Assert.ThrowsAny<Exception>(() => app.Server);

        var validation = Assert.IsType<OptionsValidationException>(error.GetBaseException());
        Assert.Contains("Tellerrand:KeyCertificatePath '/nonexistent/keys.pfx'", validation.Message);
    }

    private sealed class CertificateApp(string path, string? password) : SqliteApp
    {
        protected override bool SeedDemo => false;

        protected override IEnumerable<KeyValuePair<string, string>> ExtraSettings() =>
            password is null
                ? [new("Tellerrand:KeyCertificatePath", path)]
                : [new("Tellerrand:KeyCertificatePath", path), new("Tellerrand:KeyCertificatePassword", password)];
    }
}
