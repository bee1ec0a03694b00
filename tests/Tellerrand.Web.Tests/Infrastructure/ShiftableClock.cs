namespace Tellerrand.Web.Tests.Infrastructure;

/// <summary>
/// Real time plus an offset a test can move. Unlike a frozen fake clock it keeps the silo's
/// timers and the cookie middleware running, so only "what time is it" changes.
/// </summary>
public sealed class ShiftableClock : TimeProvider
{
    private long offsetTicks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref offsetTicks, by.Ticks);
}
