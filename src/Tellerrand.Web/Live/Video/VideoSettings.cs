using Microsoft.EntityFrameworkCore;
using Tellerrand.Web.Data;
using Tellerrand.Web.Events;

namespace Tellerrand.Web.Live.Video;

/// <summary>An event's video as the organiser sets it: the provider, and for links the plenary's and each room's.</summary>
public sealed record VideoSettingsInput(VideoProvider Provider, string? PlenaryLink, IReadOnlyDictionary<Guid, string?> RoomLinks);

/// <summary>A field the organiser must correct, with a <c>LiveText</c> key; nothing is saved while there is one.</summary>
public sealed record VideoSettingsProblem(string Field, string MessageKey);

/// <summary>Reads and saves an event's video settings.</summary>
public sealed class VideoSettings(IDbContextFactory<TellerrandDb> dbs)
{
    public const int MaxLinkLength = 500;

    /// <summary>A link people are sent to must be a complete web address; anything else would strand them.</summary>
    public static string? CheckLink(string? link)
    {
        if (string.IsNullOrWhiteSpace(link))
        {
            return null;
        }
        if (link.Trim().Length > MaxLinkLength)
        {
            return "Video_LinkTooLong";
        }
        return Uri.TryCreate(link.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? null
            : "Video_LinkInvalid";
    }

    public async Task<VideoSettingsInput?> LoadAsync(Guid eventId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var ev = await db.Events.AsNoTracking().Where(e => e.Id == eventId).Select(e => new { e.VideoProvider, e.PlenaryVideoLink }).FirstOrDefaultAsync(cancellationToken);
        if (ev is null)
        {
            return null;
        }
        var rooms = await db.Rooms.AsNoTracking().Where(r => r.EventId == eventId).ToDictionaryAsync(r => r.Id, r => r.VideoLink, cancellationToken);
        return new VideoSettingsInput(ev.VideoProvider, ev.PlenaryVideoLink, rooms);
    }

    public async Task<IReadOnlyList<VideoSettingsProblem>> SaveAsync(Guid eventId, VideoSettingsInput input, CancellationToken cancellationToken = default)
    {
        var problems = new List<VideoSettingsProblem>();
        if (CheckLink(input.PlenaryLink) is { } plenaryProblem)
        {
            problems.Add(new("plenary", plenaryProblem));
        }
        problems.AddRange(input.RoomLinks.Where(r => CheckLink(r.Value) is not null).Select(r => new VideoSettingsProblem(r.Key.ToString(), CheckLink(r.Value)!)));
        if (problems.Count > 0)
        {
            return problems;
        }
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var ev = await db.Events.FirstOrDefaultAsync(e => e.Id == eventId, cancellationToken);
        if (ev is null)
        {
            return [new("event", "Cockpit_NotFound")];
        }
        ev.VideoProvider = input.Provider;
        ev.PlenaryVideoLink = Clean(input.PlenaryLink);
        foreach (var room in await db.Rooms.Where(r => r.EventId == eventId).ToListAsync(cancellationToken))
        {
            if (input.RoomLinks.TryGetValue(room.Id, out var link))
            {
                room.VideoLink = Clean(link);
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        return [];
    }

    private static string? Clean(string? link) => string.IsNullOrWhiteSpace(link) ? null : link.Trim();
}
