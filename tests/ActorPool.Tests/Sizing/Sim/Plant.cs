using Akka.Configuration;

namespace ActorPool.Tests.Sizing.Sim;

/// <summary>
/// A closed-loop stand-in for pools running a saturating queue of jobs that block a share of their
/// time on a few cores: the knee is <c>cores / (1 - blocking)</c> busy workers; each worker past it
/// costs <c>contention</c> workers of throughput. The CPU share is what the busy workers burn.
/// <c>noise</c> (with <c>seed</c>) makes each tick's measurements jitter by up to that share;
/// <c>cpu-ceiling</c> is the CPU share the process reads at saturation (below 1 on a shared machine).
/// </summary>
internal sealed class Plant(Config plant)
{
    private readonly double _cores = plant.GetDouble("cores");
    private readonly double _jobSeconds = plant.GetTimeSpan("job-time").TotalSeconds;
    private readonly double _contention = plant.HasPath("contention") ? plant.GetDouble("contention") : 0;
    private readonly double _noise = plant.HasPath("noise") ? plant.GetDouble("noise") : 0;
    private readonly double _cpuCeiling = plant.HasPath("cpu-ceiling") ? plant.GetDouble("cpu-ceiling") : 1;
    private uint _state = plant.HasPath("seed") ? (uint)plant.GetInt("seed") | 1u : 1u;
    private double _backlog;
    private double _completed;

    public int Running { get; private set; }

    public int Queued => (int)Math.Max(0, Math.Round(_backlog) - Running);

    public long Completed => (long)Math.Round(_completed);

    public double Cpu { get; private set; }

    /// <summary>Seeded xorshift in -1..1, so a noisy trace is the same everywhere.</summary>
    private double Uniform()
    {
        _state ^= _state << 13;
        _state ^= _state >> 17;
        _state ^= _state << 5;
        return (_state / (double)uint.MaxValue * 2) - 1;
    }

    /// <summary>Runs <paramref name="seconds"/> at <paramref name="workers"/> workers.</summary>
    public void Advance(long workers, double arrivalsPerSecond, double blocking, double seconds)
    {
        _backlog += arrivalsPerSecond * seconds;
        var perWorker = seconds / _jobSeconds;
        var busy = Math.Min(workers, Math.Ceiling(_backlog / perWorker));
        var knee = _cores / (1 - blocking);
        var effective = busy <= knee ? busy : Math.Max(0, knee - (_contention * (busy - knee)));
        // Measurement noise: each tick's completions and CPU share are off by up to +-noise.
        var done = Math.Min(_backlog, effective * perWorker * (1 + (_noise * Uniform())));
        _backlog -= done;
        _completed += done;
        Running = (int)(_backlog >= 1 ? workers : busy);
        Cpu = Math.Clamp(Math.Min(busy, knee) * (1 - blocking) / _cores * _cpuCeiling * (1 + (_noise * Uniform())), 0, 1);
    }
}
