using Microsoft.EntityFrameworkCore;
using Tellerrand.Web.Boards;
using Tellerrand.Web.Data;

namespace Tellerrand.Web.Handover;

/// <summary>
/// Makes an event's results final: stores when (once), tells every room's board grain to refuse pushes from now on (AZ7) and
/// sends the handover mails. Safe to repeat: the time stays the first one, and nobody is mailed twice.
/// </summary>
public sealed class HandoverService(
    IDbContextFactory<TellerrandDb> dbs,
    IGrainFactory grains,
    HandoverMails mails,
    TimeProvider clock,
    ILogger<HandoverService> logger)
{
    /// <summary>Freezes <paramref name="eventId"/>'s results; false when there is no such event.</summary>
    /// <param name="baseUrl">Public address of this installation, for the personal links in the mails.</param>
    public async Task<bool> FreezeAsync(Guid eventId, string baseUrl, CancellationToken cancellationToken = default)
    {
        List<Guid> boards;
        await using (var db = await dbs.CreateDbContextAsync(cancellationToken))
        {
            var ev = await db.Events.SingleOrDefaultAsync(e => e.Id == eventId, cancellationToken);
            if (ev is null)
            {
                return false;
            }
            if (ev.ResultsFrozenAt is null)
            {
                ev.ResultsFrozenAt = clock.GetUtcNow();
                await db.SaveChangesAsync(cancellationToken);
                logger.LogInformation("Results of event {EventId} frozen", eventId);
            }
            boards = await db.Rooms.Where(r => r.EventId == eventId).Select(r => r.BoardId).ToListAsync(cancellationToken);
        }
        // A grain activated from now on reads the stored time itself; the active ones are told. Activating the rest here also
        // writes the template of a board nobody opened, so every room has a board in its package.
        await Task.WhenAll(boards.Select(board => grains.GetGrain<IBoardGrain>(board).FreezeResults()));
        await mails.SendAsync(eventId, baseUrl, cancellationToken);
        return true;
    }
}
