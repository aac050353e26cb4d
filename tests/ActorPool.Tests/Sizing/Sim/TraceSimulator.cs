using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using ActorPool.Internal.Sizing;
using Akka.Configuration;

namespace ActorPool.Tests.Sizing.Sim;

/// <summary>
/// Replays one workload trace (a HOCON file under <c>Sizing/Traces</c>) through the real sizing
/// loop, offline and deterministically: time is the observation's timestamp only, one tick apart.
/// </summary>
/// <remarks>
/// A trace has <c>actor-pool { ... }</c> (the settings, over the defaults), <c>tick</c>,
/// <c>start-pools</c>, and one workload: <c>plant</c> + <c>phases</c> (closed loop: the decisions
/// change what is observed next, see <see cref="Plant"/>), <c>samples</c> (a recorded trace, one
/// observation per tick) or <c>series</c> (a level per stretch of ticks with seeded +-jitter, for
/// <c>units</c> or <c>jobs</c>; a sample may carry <c>allocated</c> and <c>process-allocated</c>,
/// cumulative bytes). <c>expect</c> says what the trajectory must show.
/// </remarks>
internal static class TraceSimulator
{
    private static readonly DateTimeOffset s_origin = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static Config Load(string name) =>
        ConfigurationFactory.ParseString(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Sizing", "Traces", name))).GetConfig("trace");

    public static TraceResult Run(Config trace)
    {
        var settings = PoolSettings.Create(trace.HasPath("actor-pool") ? trace.GetConfig("actor-pool") : Config.Empty);
        var loop = SizingLoop.Create(settings, "sim");
        var tick = trace.GetTimeSpan("tick");
        var desired = trace.GetInt("start-pools");
        var steps = Steps(trace);
        var plant = trace.HasPath("plant") ? new Plant(trace.GetConfig("plant")) : null;
        var cpuOn = plant is not null && trace.GetBoolean("plant.cpu");
        var overloadAt = trace.HasPath("plant.cpu-overload") ? trace.GetDouble("plant.cpu-overload") : 2.0;
        // A snapshot one tick old (the CPU sample taken before the last decision), as SystemLoad's
        // latest sample is when it samples as often as the loop decides.
        var stale = plant is not null && trace.HasPath("plant.cpu-stale") && trace.GetBoolean("plant.cpu-stale");
        var previousCpu = (At: s_origin - tick, Cpu: double.NaN);
        var trajectory = new List<int> { desired };
        var decisions = new List<ScalingDecision>();
        var printed = new StringBuilder().AppendLine(CultureInfo.InvariantCulture, $"# {trace.GetString("description")}; policy {settings.Sizing.Policy}")
            .AppendLine("tick running queued units   cpu  pools  policy         rationale");
        for (var k = 0; k < steps.Count; k++)
        {
            var step = steps[k];
            var now = s_origin + (tick * k);
            Observation o;
            if (plant is not null)
            {
                if (k > 0)
                {
                    plant.Advance((long)desired * settings.WorkersPerPool, step.Arrivals, step.Blocking, tick.TotalSeconds);
                }
                var cpu = cpuOn ? plant.Cpu : double.NaN;
                var sampled = (At: now, Cpu: cpu);
                if (stale)
                {
                    (sampled, previousCpu) = (previousCpu, sampled);
                }
                o = Observe(settings, now, desired, plant.Running, plant.Queued, step.Units, plant.Completed, Snapshot(sampled.At, sampled.Cpu, sampled.Cpu > overloadAt ? [LoadSignal.Cpu] : []));
            }
            else
            {
                var recorded = Observe(settings, now, desired, step.Running, step.Queued, step.Units, step.Completed, Snapshot(now, double.NaN, step.Overloaded));
                o = recorded with { AllocatedBytes = step.Allocated, ProcessAllocatedBytes = step.ProcessAllocated };
            }
            var (decision, _) = loop.Decide(o, "tick");
            decisions.Add(decision);
            printed.AppendLine(CultureInfo.InvariantCulture, $"{k,4} {o.Running,7} {o.Queued,6} {o.Units,5} {o.Load.Cpu,5:0.00} {desired,3}->{decision.Desired,-3} {decision.Policy,-14} {decision.Rationale}");
            desired = decision.Desired;
            trajectory.Add(desired);
        }
        var result = new TraceResult(trajectory, decisions, "");
        return result with { Printed = printed.AppendLine(CultureInfo.InvariantCulture, $"# trajectory [{string.Join(", ", trajectory)}], {result.Reversals()} reversals").ToString() };
    }

    private static Observation Observe(PoolSettings s, DateTimeOffset now, int desired, int running, int queued, int units, long completed, LoadSnapshot load) => new()
    {
        Timestamp = now,
        Desired = desired,
        MinPools = s.MinPools,
        MaxPools = s.MaxPools,
        WorkersPerPool = s.WorkersPerPool,
        Running = running,
        Queued = queued,
        InFlight = running + queued,
        Units = units,
        CompletedJobs = completed,
        Load = load,
    };

    /// <summary>A snapshot with a CPU share (NaN: unknown) and the given signals overloaded.</summary>
    private static LoadSnapshot Snapshot(DateTimeOffset now, double cpu, LoadSignal[] overloaded)
    {
        var template = LoadSnapshot.Of(now, overloaded);
        IReadOnlySet<LoadSignal> unknown = double.IsNaN(cpu) ? new[] { LoadSignal.Cpu }.ToFrozenSet() : FrozenSet<LoadSignal>.Empty;
        return new LoadSnapshot(now, cpu, template.Memory, TimeSpan.Zero, template.GcTimeRatio, template.OverloadedShares, template.HistoricalShares,
            template.OverloadedSignals, template.HistoricallyOverloadedSignals, unknown);
    }

    private static List<Step> Steps(Config trace)
    {
        if (trace.HasPath("samples"))
        {
            return [.. trace.GetValue("samples").GetArray().Select(v => Step.Of(new Config(new Akka.Configuration.Hocon.HoconRoot(v))))];
        }
        if (trace.HasPath("series"))
        {
            return Series(trace.GetConfig("series"));
        }
        var steps = new List<Step>();
        foreach (var phase in trace.GetValue("phases").GetArray().Select(v => new Config(new Akka.Configuration.Hocon.HoconRoot(v))))
        {
            var step = Step.Of(phase);
            steps.AddRange(Enumerable.Repeat(step, phase.GetInt("ticks")));
        }
        return steps;
    }

    /// <summary>Levels with seeded uniform jitter of +-<c>jitter</c> (xorshift, so the trace is the same everywhere).</summary>
    private static List<Step> Series(Config series)
    {
        var levels = series.GetValue("levels").GetArray().Select(v => new Config(new Akka.Configuration.Hocon.HoconRoot(v)))
            .Select(c => (From: c.GetInt("from"), Value: c.GetDouble("value"))).ToList();
        var jitter = series.GetDouble("jitter");
        var state = (uint)series.GetInt("seed") | 1u;
        var field = series.GetString("field");
        var steps = new List<Step>();
        for (var k = 0; k < series.GetInt("ticks"); k++)
        {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            var uniform = (state / (double)uint.MaxValue * 2) - 1;
            var level = levels.Last(l => l.From <= k).Value;
            var value = (int)Math.Round(level * (1 + (jitter * uniform)));
            steps.Add(field == "units" ? new Step { Units = value } : new Step { Queued = value });
        }
        return steps;
    }

    private sealed record Step
    {
        public int Running { get; init; }

        public int Queued { get; init; }

        public int Units { get; init; }

        public long Completed { get; init; }

        public LoadSignal[] Overloaded { get; init; } = [];

        public double Arrivals { get; init; }

        /// <summary>Bytes the pools' workers allocated so far (cumulative), and the whole process.</summary>
        public long Allocated { get; init; }

        public long ProcessAllocated { get; init; }

        public double Blocking { get; init; }

        public static Step Of(Config c) => new()
        {
            Running = c.HasPath("running") ? c.GetInt("running") : 0,
            Queued = c.HasPath("queued") ? c.GetInt("queued") : 0,
            Units = c.HasPath("units") ? c.GetInt("units") : 0,
            Completed = c.HasPath("completed") ? c.GetLong("completed") : 0,
            Overloaded = c.HasPath("overloaded") ? [.. c.GetStringList("overloaded").Select(n => LoadSignals.All.First(s => s.ConfigName() == n))] : [],
            Arrivals = c.HasPath("arrivals-per-second") ? c.GetDouble("arrivals-per-second") : 0,
            Blocking = c.HasPath("blocking") ? c.GetDouble("blocking") : 0,
            Allocated = c.HasPath("allocated") ? c.GetLong("allocated") : 0,
            ProcessAllocated = c.HasPath("process-allocated") ? c.GetLong("process-allocated") : 0,
        };
    }
}
