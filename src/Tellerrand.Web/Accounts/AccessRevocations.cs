namespace Tellerrand.Web.Accounts;

/// <summary>
/// Tells this host's open connections that somebody's access may have ended: a personal link was revoked, a person
/// deleted, rooms re-seated. Connections that keep an access check for a while (the board hub, PU6) check again after
/// any revocation since their check. It only counts, without saying whose access changed: revocations are rare, and a
/// recheck of everyone on this host costs one query per connection. Other hosts learn of it by their own recheck interval.
/// </summary>
public sealed class AccessRevocations
{
    private long _generation;

    /// <summary>Rises with every revocation; a check made at a lower value may be out of date.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>Call after the change that ends access is committed, so that a recheck sees it.</summary>
    public void Revoked() => Interlocked.Increment(ref _generation);
}
