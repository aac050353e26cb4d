namespace ActorPool.Internal.Settings;

/// <summary>Bounds every duration the library hands to Akka's scheduler or timers.</summary>
internal static class DurationLimits
{
    // Akka's scheduler and IWithTimers take at most int.MaxValue milliseconds (about 24.8 days)
    // and throw beyond it; a duration checked against this bound can always be scheduled, so a
    // message or setting over it is refused where it is made, not inside an actor.
    public static readonly TimeSpan Max = TimeSpan.FromMilliseconds(int.MaxValue);
}
