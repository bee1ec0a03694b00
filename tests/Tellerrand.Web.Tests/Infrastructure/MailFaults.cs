using Tellerrand.Web.Data;
using Tellerrand.Web.Mail;

namespace Tellerrand.Web.Tests.Infrastructure;

/// <summary>
/// A crash between a sender's claim and its commit, on demand: while <see cref="Armed"/>, every mail staged into a caller's
/// database context is added and then the sender fails, before its save, as a host dying at that moment would.
/// </summary>
public sealed class MailFaults
{
    public volatile bool Armed;

    /// <summary>How many stagings failed, so a test knows its sender really reached the point between claim and commit.</summary>
    public int Injected => injected;

    private int injected;

    internal void Hit()
    {
        if (!Armed) return;
        Interlocked.Increment(ref injected);
        throw new InvalidOperationException("Injected crash between claim and commit");
    }
}

/// <summary>The app's mail queue, passing everything through except when <see cref="MailFaults"/> is armed.</summary>
internal sealed class FaultyMailer(MailQueue queue, MailFaults faults) : IMailer
{
    public Task<Guid> SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default) => queue.SendAsync(mail, cancellationToken);

    public Guid Stage(TellerrandDb db, OutgoingMail mail)
    {
        var id = queue.Stage(db, mail);
        faults.Hit();
        return id;
    }

    public void Wake() => queue.Wake();
}
