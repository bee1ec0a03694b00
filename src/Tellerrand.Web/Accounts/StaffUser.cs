using Microsoft.AspNetCore.Identity;

namespace Tellerrand.Web.Accounts;

/// <summary>An account of an administrator, organiser or moderator; businesses and creatives never have one.</summary>
public sealed class StaffUser : IdentityUser
{
    [PersonalData]
    public string DisplayName { get; set; } = "";

    /// <summary>The partner organisation the person works for, when any.</summary>
    public Guid? OrganisationId { get; set; }
}

/// <summary>Role names as stored by Identity; they are identifiers, shown to people only through resources.</summary>
public static class StaffRoles
{
    public const string Admin = "Admin";
    public const string Organiser = "Organiser";
    public const string Moderator = "Moderator";

    public static IReadOnlyList<string> All { get; } = [Admin, Organiser, Moderator];

    /// <summary>Who may set up programmes and events: organisers, and administrators who can do everything.</summary>
    public const string OrganisePolicy = "Organise";
    public const string AdminPolicy = "Administer";
}
