namespace Tellerrand.Web.Events.Pages;

/// <summary>The event form's fields; the pages bind this, never the entity.</summary>
public sealed class EventDetailsInput
{
    public string TemplateKey { get; set; } = FormatTemplate.Exklusivrunde.Key;
    public Guid ProgrammeId { get; set; }
    public string Title { get; set; } = "";
    public string Slug { get; set; } = "";
    public string? Description { get; set; }
    public DateTime LocalStart { get; set; }
    public string TimeZoneId { get; set; } = EventTimeZones.Default;
    public int DurationMinutes { get; set; }
    public int BusinessCapacity { get; set; }
    public int CreativesPerRoom { get; set; }
    public int Rounds { get; set; } = 1;
    public HashSet<Guid> OrganisationIds { get; set; } = [];

    public EventDetails ToDetails() => new(ProgrammeId, Title, Slug.Trim(), Description, LocalStart, TimeZoneId,
        DurationMinutes, BusinessCapacity, CreativesPerRoom, Rounds, OrganisationIds.ToList());

    public static EventDetailsInput From(FormatTemplate template, DateTime localStart) => new()
    {
        TemplateKey = template.Key,
        LocalStart = localStart,
        DurationMinutes = template.DurationMinutes,
        BusinessCapacity = template.Businesses,
        CreativesPerRoom = template.CreativesPerRoom,
    };

    public static EventDetailsInput From(Event e) => new()
    {
        TemplateKey = e.FormatKey,
        ProgrammeId = e.ProgrammeId,
        Title = e.Title,
        Slug = e.Slug,
        Description = e.Description,
        LocalStart = EventTimeZones.ToLocal(e.StartsAt, e.TimeZoneId),
        TimeZoneId = e.TimeZoneId,
        DurationMinutes = e.DurationMinutes,
        BusinessCapacity = e.BusinessCapacity,
        CreativesPerRoom = e.CreativesPerRoom,
        Rounds = e.Rounds,
        OrganisationIds = e.Organisations.Select(o => o.Id).ToHashSet(),
    };
}
