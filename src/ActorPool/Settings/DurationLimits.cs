using System.Globalization;

namespace ActorPool.Internal.Settings;

/// <summary>
/// The longest duration that may reach Akka's scheduler, which takes at most
/// <see cref="int.MaxValue"/> milliseconds (24.20:31:23.647, about 24.8 days); a longer timer
/// would throw inside an actor, far from the value that caused it. The settings validators check
/// every duration setting against it; a lease request's length, wait or renewal should be checked
/// against it too.
/// </summary>
internal static class DurationLimits
{
    /// <summary><see cref="int.MaxValue"/> milliseconds: 24.20:31:23.647.</summary>
    public static readonly TimeSpan Max = TimeSpan.FromMilliseconds(int.MaxValue);

    /// <summary><see cref="Max"/> as messages show it, without the constant format's trailing zeros.</summary>
    public static readonly string MaxText = Max.ToString(@"d\.hh\:mm\:ss\.fff", CultureInfo.InvariantCulture);
}
