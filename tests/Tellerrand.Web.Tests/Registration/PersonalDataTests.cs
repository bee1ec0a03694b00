using System.Reflection;
using Microsoft.AspNetCore.Identity;
using Tellerrand.Web.Tests.Infrastructure;

namespace Tellerrand.Web.Tests.Registration;

/// <summary>
/// Export, deletion and retention find personal data by the [PersonalData] mark. Every text
/// property of every stored type must therefore be classified: marked, or listed here as not personal.
/// </summary>
public sealed class PersonalDataTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    /// <summary>Text that describes businesses, events and organisations, or is an id, not a person.</summary>
    private static readonly HashSet<string> NotPersonal =
    [
        "PartnerOrganisation.Name", "PartnerOrganisation.City", "PartnerOrganisation.Website",
        "Programme.Title", "Programme.Description", "Programme.Region",
        "Event.Title", "Event.Slug", "Event.Description", "Event.TimeZoneId", "Event.FormatKey",
        "AgendaPhase.Title", "AgendaPhase.Instructions",
        "Person.PreferredLanguage", "Person.StaffUserId",
        "Business.Name", "Business.Trade", "Business.TradeKey", "Business.Region", "Business.Website",
        "Challenge.Statement", "Challenge.DesiredOutcome",
        "CreativeProfile.Interests",
        "ConsentRecord.TextVersion",
        "Room.VideoLink",
        "MagicLink.TokenHash",
        "BoardLogEntry.ClientId",
        "Event.PlenaryVideoLink", "Event.VideoKey",
        "Contact.Trade", "Contact.TradeKey", "Contact.Region", "Contact.Source",
        "Campaign.Name", "Campaign.RegionFilter", "Campaign.BaseUrl",
        "CampaignTemplate.GroupKey", "CampaignTemplate.Subject", "CampaignTemplate.Body",
        "CampaignRecipient.Trade", "CampaignRecipient.GroupKey", "CampaignRecipient.TokenHash",
    ];

    [Fact]
    public void EveryTextPropertyOfTheDomainIsClassified()
    {
        using var db = app.CreateDb();
        var unclassified = db.Model.GetEntityTypes()
            .Where(t => t.ClrType.Namespace?.StartsWith("Tellerrand.Web.", StringComparison.Ordinal) == true && t.ClrType.Namespace != "Tellerrand.Web.Accounts" || t.ClrType.Name == "MagicLink")
            .SelectMany(t => t.GetProperties().Where(p => p.PropertyInfo is not null && p.ClrType == typeof(string)).Select(p => (Type: t.ClrType, PropertyInfo: p.PropertyInfo!)))
            .Where(x => x.PropertyInfo.GetCustomAttribute<PersonalDataAttribute>() is null && !NotPersonal.Contains($"{x.Type.Name}.{x.PropertyInfo.Name}"))
            .Select(x => $"{x.Type.Name}.{x.PropertyInfo.Name}")
            .ToList();

        Assert.Empty(unclassified);
    }

    [Theory]
    [InlineData(typeof(Tellerrand.Web.Registration.Person), "DisplayName")]
    [InlineData(typeof(Tellerrand.Web.Registration.Person), "Email")]
    [InlineData(typeof(Tellerrand.Web.Registration.Person), "Phone")]
    [InlineData(typeof(Tellerrand.Web.Registration.CreativeProfile), "Bio")]
    [InlineData(typeof(Tellerrand.Web.Registration.CreativeProfile), "PortfolioUrl")]
    [InlineData(typeof(Tellerrand.Web.Accounts.StaffUser), "DisplayName")]
    public void NamesAndContactDetailsAreMarkedPersonal(Type type, string property) =>
        Assert.NotNull(type.GetProperty(property)!.GetCustomAttribute<PersonalDataAttribute>());
}
