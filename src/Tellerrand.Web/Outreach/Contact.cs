using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Tellerrand.Web.Outreach;

public enum ContactKind
{
    Business,
    Creative,
}

/// <summary>
/// Someone an organisation may invite: a craft business or a creative from an imported contact list.
/// A contact is not yet a participant; registering for an event makes them a <c>Person</c>.
/// </summary>
public sealed class Contact
{
    public Guid Id { get; set; }
    public ContactKind Kind { get; set; }

    [PersonalData]
    public required string Email { get; set; }

    /// <summary>The address in lower case, unique: how duplicates are recognised in files and against the database.</summary>
    [PersonalData]
    public required string EmailKey { get; set; }

    /// <summary>The contact person.</summary>
    [PersonalData]
    public string? Name { get; set; }

    /// <summary>The company or studio; for a one-person studio it names a person, so it is treated as personal.</summary>
    [PersonalData]
    public string? Organisation { get; set; }

    /// <summary>The trade as written, and its HwO key when it is on the list.</summary>
    public string? Trade { get; set; }
    public string? TradeKey { get; set; }

    /// <summary>Keys of <c>disciplines.csv</c>, for creatives.</summary>
    public List<string> Disciplines { get; set; } = [];

    public string? Region { get; set; }

    [PersonalData]
    public string? Phone { get; set; }

    /// <summary>When the organisation was last in touch, as the list says.</summary>
    public DateOnly? LastContactOn { get; set; }

    /// <summary>The file the contact came from.</summary>
    public string? Source { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Set by the unsubscribe link; no campaign writes to the contact again.</summary>
    public DateTimeOffset? UnsubscribedAt { get; set; }
}

internal sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> builder)
    {
        builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Email).HasMaxLength(254);
        builder.Property(c => c.EmailKey).HasMaxLength(254);
        builder.HasIndex(c => c.EmailKey).IsUnique();
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.Organisation).HasMaxLength(200);
        builder.Property(c => c.Trade).HasMaxLength(200);
        builder.Property(c => c.TradeKey).HasMaxLength(20);
        builder.Property(c => c.Region).HasMaxLength(100);
        builder.Property(c => c.Phone).HasMaxLength(50);
        builder.Property(c => c.Source).HasMaxLength(260);
    }
}
