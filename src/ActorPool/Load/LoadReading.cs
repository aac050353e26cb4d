namespace ActorPool.Internal.Load;

/// <summary>
/// One probe's reading: <see cref="Value"/> is the signal's main number (a ratio 0..1 for CPU,
/// memory and GC time, the lag in milliseconds, pending work items per ThreadPool thread);
/// <see cref="Secondary"/> is a second number only the GC signal uses, gen-2 collections per second.
/// </summary>
internal readonly record struct LoadReading(double Value, double Secondary = 0);

/// <summary>
/// Reads one load signal. The <c>SystemLoad</c> actor calls each probe once per sample, from inside
/// the actor, so a probe needs no locking but must be quick. A probe that throws, or returns a
/// negative or NaN value, makes its signal unknown for that sample.
/// </summary>
/// <remarks>
/// A seam for tests (fake and failing probes) rather than a plug-in point: a probe keeps state
/// between reads (the previous counters), so one instance serves one actor only.
/// </remarks>
internal interface ILoadProbe
{
    LoadSignal Signal { get; }

    LoadReading Read();
}
