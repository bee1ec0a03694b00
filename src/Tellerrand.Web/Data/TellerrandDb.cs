using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Tellerrand.Web.Accounts;
using Tellerrand.Web.Boards;
using Tellerrand.Web.Events;
using Tellerrand.Web.Feedback;
using Tellerrand.Web.Mail;
using Tellerrand.Web.Matching;
using Tellerrand.Web.Outreach;
using Tellerrand.Web.Registration;

namespace Tellerrand.Web.Data;

/// <summary>
/// The one database of a Tellerrand installation. The model is defined once here; the provider
/// subclasses below exist only so that each provider keeps its own migrations.
/// </summary>
public abstract class TellerrandDb(DbContextOptions options) : IdentityDbContext<StaffUser>(options), IDataProtectionKeyContext
{
    /// <summary>
    /// Data-protection keys live in the database so that every host of a cluster can read the
    /// cookies and tokens the others issued.
    /// </summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<PartnerOrganisation> Organisations => Set<PartnerOrganisation>();
    public DbSet<Programme> Programmes => Set<Programme>();
    public DbSet<Event> Events => Set<Event>();
    public DbSet<AgendaPhase> AgendaPhases => Set<AgendaPhase>();
    public DbSet<Person> People => Set<Person>();
    public DbSet<EventParticipation> Participations => Set<EventParticipation>();
    public DbSet<Business> Businesses => Set<Business>();
    public DbSet<Challenge> Challenges => Set<Challenge>();
    public DbSet<CreativeProfile> CreativeProfiles => Set<CreativeProfile>();
    public DbSet<ConsentRecord> Consents => Set<ConsentRecord>();
    public DbSet<Room> Rooms => Set<Room>();
    public DbSet<MatchingDecision> MatchingDecisions => Set<MatchingDecision>();
    public DbSet<MatchingLock> MatchingLocks => Set<MatchingLock>();
    public DbSet<MagicLink> MagicLinks => Set<MagicLink>();
    public DbSet<BoardLogEntry> BoardLog => Set<BoardLogEntry>();
    public DbSet<StoredBoardSnapshot> BoardSnapshots => Set<StoredBoardSnapshot>();
    public DbSet<QueuedMail> MailQueue => Set<QueuedMail>();
    public DbSet<Contact> Contacts => Set<Contact>();
    public DbSet<Campaign> Campaigns => Set<Campaign>();
    public DbSet<CampaignTemplate> CampaignTemplates => Set<CampaignTemplate>();
    public DbSet<CampaignRecipient> CampaignRecipients => Set<CampaignRecipient>();
    public DbSet<Handover.HandoverNotice> HandoverNotices => Set<Handover.HandoverNotice>();
    public DbSet<FeedbackInvitation> FeedbackInvitations => Set<FeedbackInvitation>();
    public DbSet<FeedbackResponse> FeedbackResponses => Set<FeedbackResponse>();
    public DbSet<ContactRequest> ContactRequests => Set<ContactRequest>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(TellerrandDb).Assembly);
        builder.Entity<StaffUser>().Property(u => u.DisplayName).HasMaxLength(200);
    }
}

public sealed class SqliteTellerrandDb(DbContextOptions<SqliteTellerrandDb> options) : TellerrandDb(options)
{
    /// <summary>
    /// SQLite cannot compare or order DateTimeOffset values in SQL; stored as sortable binary
    /// numbers they can. All values are UTC anyway (ARCHITECTURE.md, "Data").
    /// </summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}

public sealed class PostgresTellerrandDb(DbContextOptions<PostgresTellerrandDb> options) : TellerrandDb(options);
