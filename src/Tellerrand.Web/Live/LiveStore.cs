using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tellerrand.Web.Data;
using Tellerrand.Web.Registration;

namespace Tellerrand.Web.Live;

/// <summary>
/// The stored run of show of one event, one row per event. The state is one JSON document because it is only ever read
/// and written whole, by the event's one grain; ids inside it (people, rooms) are not personal data by themselves, and
/// help notes are deleted with the event.
/// </summary>
public sealed class LiveEventRecord
{
    public Guid EventId { get; set; }

    /// <summary>Holds the notes people write when they call the organiser.</summary>
    [Microsoft.AspNetCore.Identity.PersonalData]
    public required string State { get; set; }
    public long Version { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class LiveEventRecordConfiguration : IEntityTypeConfiguration<LiveEventRecord>
{
    public void Configure(EntityTypeBuilder<LiveEventRecord> builder)
    {
        builder.ToTable("LiveEvents");
        builder.HasKey(r => r.EventId);
        builder.HasOne<Events.Event>().WithMany().HasForeignKey(r => r.EventId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>Reads and writes the live state and reads the roster; used by <see cref="EventGrain"/> only.</summary>
public sealed class LiveStore(IDbContextFactory<TellerrandDb> dbs)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<RunOfShowState> LoadAsync(Guid eventId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var stored = await db.Set<LiveEventRecord>().AsNoTracking().Where(r => r.EventId == eventId).Select(r => r.State).FirstOrDefaultAsync(cancellationToken);
        return stored is null ? RunOfShowState.NotStarted : JsonSerializer.Deserialize<RunOfShowState>(stored, Json) ?? RunOfShowState.NotStarted;
    }

    public async Task SaveAsync(Guid eventId, RunOfShowState state, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var record = await db.Set<LiveEventRecord>().FirstOrDefaultAsync(r => r.EventId == eventId, cancellationToken);
        if (record is null)
        {
            record = new LiveEventRecord { EventId = eventId, State = "" };
            db.Add(record);
        }
        record.State = JsonSerializer.Serialize(state, Json);
        record.Version = state.Version;
        record.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// The agenda and the rooms with their people. Speakers of the introduction round follow the rooms of the first round:
    /// each business's representative first, then its creatives, so that everybody hears who will work together.
    /// </summary>
    public async Task<LiveRoster> LoadRosterAsync(Guid eventId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var phases = await db.AgendaPhases.AsNoTracking().Where(p => p.EventId == eventId).OrderBy(p => p.Order)
            .Select(p => new ShowPhase(p.Id, p.Kind, p.Title, p.DurationMinutes)).ToListAsync(cancellationToken);
        var rooms = await db.Rooms.AsNoTracking().Where(r => r.EventId == eventId)
            .Include(r => r.Business)
            .Include(r => r.Creatives).ThenInclude(c => c.Person).ThenInclude(p => p!.CreativeProfile)
            .Include(r => r.Moderator)
            .OrderBy(r => r.Round).ThenBy(r => r.Number)
            .ToListAsync(cancellationToken);
        var representatives = await db.Participations.AsNoTracking()
            .Where(p => p.EventId == eventId && p.Role == EventRole.BusinessRepresentative && p.BusinessId != null
                && p.Status != ParticipationStatus.Withdrawn && p.Status != ParticipationStatus.Declined)
            .Select(p => new { p.PersonId, BusinessId = p.BusinessId!.Value, p.Person!.DisplayName })
            .ToListAsync(cancellationToken);
        var challenges = await db.Challenges.AsNoTracking().Where(c => c.EventId == eventId)
            .Select(c => new { c.BusinessId, c.Statement }).ToListAsync(cancellationToken);

        var names = ImmutableDictionary.CreateBuilder<Guid, string>();
        var speakers = ImmutableArray.CreateBuilder<LiveSpeaker>();
        var liveRooms = ImmutableArray.CreateBuilder<LiveRoom>();
        foreach (var room in rooms)
        {
            var reps = representatives.Where(r => r.BusinessId == room.BusinessId).ToList();
            var members = reps.Select(r => r.PersonId).Concat(room.Creatives.Select(c => c.PersonId));
            if (room.ModeratorId is { } moderator)
            {
                members = members.Append(moderator);
                names[moderator] = room.Moderator!.DisplayName;
            }
            liveRooms.Add(new LiveRoom(room.Id, room.Round, room.Number, room.Business!.Name, room.BoardId, room.ModeratorId, [.. members.Distinct()]));
            foreach (var rep in reps)
            {
                names[rep.PersonId] = rep.DisplayName;
            }
            foreach (var creative in room.Creatives)
            {
                names[creative.PersonId] = creative.Person!.DisplayName;
            }
            if (room.Round != 1)
            {
                continue;
            }
            var challenge = challenges.FirstOrDefault(c => c.BusinessId == room.BusinessId)?.Statement;
            speakers.AddRange(reps.Select(r => new LiveSpeaker(r.PersonId, r.DisplayName, room.Business.Name, room.Business.Name, FirstSentence(challenge))));
            speakers.AddRange(room.Creatives.OrderBy(c => c.Person!.DisplayName, StringComparer.Ordinal).Select(c =>
            {
                var disciplines = (c.Person!.CreativeProfile?.Disciplines ?? []).Select(k => Disciplines.All.FirstOrDefault(d => d.Key == k)).OfType<Discipline>().ToList();
                return new LiveSpeaker(c.PersonId, c.Person.DisplayName,
                    string.Join(", ", disciplines.Select(d => d.NameDe)), string.Join(", ", disciplines.Select(d => d.NameEn)),
                    FirstSentence(c.Person.CreativeProfile?.Bio));
            }));
        }
        return new LiveRoster([.. phases], liveRooms.ToImmutable(), [.. speakers.DistinctBy(s => s.PersonId)], names.ToImmutable());
    }

    /// <summary>The card shows one sentence: the first one of a longer text, cut at a readable length.</summary>
    internal static string? FirstSentence(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var trimmed = text.Trim();
        var end = trimmed.IndexOfAny(['.', '!', '?']);
        var sentence = end >= 0 ? trimmed[..(end + 1)] : trimmed;
        return sentence.Length <= 200 ? sentence : sentence[..199].TrimEnd() + "…";
    }
}
