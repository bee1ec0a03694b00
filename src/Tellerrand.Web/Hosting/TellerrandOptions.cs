using System.ComponentModel.DataAnnotations;

namespace Tellerrand.Web.Hosting;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>How the co-hosted Orleans silo finds its peers.</summary>
public enum ClusterMode
{
    /// <summary>One host alone: the embedded default.</summary>
    Localhost,

    /// <summary>Several hosts whose membership lives in the PostgreSQL database (Orleans ADO.NET clustering).</summary>
    AdoNet,
}

/// <summary>
/// Everything an operator may set under the <c>Tellerrand</c> configuration section
/// (environment variables as usual: <c>Tellerrand__DataPath</c>). The defaults are the embedded
/// installation: SQLite and the outbox in a data folder, one local silo, a demo programme.
/// </summary>
public sealed class TellerrandOptions
{
    public const string Section = "Tellerrand";

    /// <summary>Data folder for the SQLite file and the mail outbox; relative paths start at the content root.</summary>
    [Required]
    public string DataPath { get; set; } = "data";

    public DatabaseProvider Database { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Seeds the Werk.Stadt.Camp demo programme into an empty database.</summary>
    public bool SeedDemo { get; set; } = true;

    /// <summary>
    /// The address people reach this installation at, used in e-mailed links. Empty: the address
    /// the server listens on, which is right for a single local installation only.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    public ClusterMode Cluster { get; set; } = ClusterMode.Localhost;

    /// <summary>Names the cluster: every host of one installation uses the same id, another installation on the same database another.</summary>
    [Required, RegularExpression("^[a-z0-9-]{1,100}$")]
    public string ClusterId { get; set; } = "tellerrand";

    /// <summary>
    /// The IP address the other hosts reach this one at (AdoNet clustering). Empty: the address the host name resolves to.
    /// </summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>Orleans silo-to-silo port of this host.</summary>
    [Range(1, 65535)]
    public int SiloPort { get; set; } = 11111;

    /// <summary>Orleans client gateway port of this host.</summary>
    [Range(1, 65535)]
    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// A PKCS#12 (.pfx) file whose certificate encrypts the data-protection keys stored in the database (they sign
    /// cookies and tokens). Empty: the keys are stored unencrypted, fine for a single machine the operator controls.
    /// </summary>
    public string? KeyCertificatePath { get; set; }

    public string? KeyCertificatePassword { get; set; }

    /// <summary>
    /// Reverse proxies and load balancers in front of this host (IP addresses or CIDR networks such as 10.0.0.0/24) whose
    /// X-Forwarded-For and X-Forwarded-Proto headers are believed. Loopback is always trusted. Without this, every
    /// request behind a balancer comes from the balancer's address, and the per-address limits on personal links and
    /// registrations would throttle everybody at once.
    /// </summary>
    public List<string> TrustedProxies { get; set; } = [];

    /// <summary>How long a personal (magic) link stays valid after it was issued.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "365.00:00:00")]
    public TimeSpan MagicLinkLifetime { get; set; } = TimeSpan.FromDays(60);

    public string ResolveDataPath(string contentRoot) =>
        Path.GetFullPath(Path.IsPathRooted(DataPath) ? DataPath : Path.Combine(contentRoot, DataPath));
}
