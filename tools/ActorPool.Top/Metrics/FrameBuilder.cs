namespace ActorPool.Top.Metrics;

/// <summary>
/// Collects one collection interval's <see cref="MetricEvent"/>s of the <c>ActorPool</c> meter and
/// turns them into a <see cref="TopFrame"/> at the interval's end (<c>CollectionStop</c>), so a
/// frame never mixes two intervals. Events of other sessions and meters are ignored.
/// </summary>
/// <remarks>Not thread-safe: the EventPipe processing thread calls <see cref="Add"/>; it hands
/// finished frames to <paramref name="completed"/>.</remarks>
internal sealed class FrameBuilder(string sessionId, string target, TimeSpan interval, TimeProvider time, Action<TopFrame> completed, Action<string> failed)
{
    public const string MeterName = "ActorPool";

    public const string RefusedWarning = "another metrics tool was refused: only one session can listen";

    public const string RefusedFailure =
        "another tool (dotnet-counters, dotnet-monitor, another actorpool-top) is already reading this process's metrics; stop it and try again";

    /// <summary>How long the refused-tool warning stays on screen: one interval would be a flicker.</summary>
    private static readonly TimeSpan s_refusedShown = TimeSpan.FromSeconds(10);

    private readonly Dictionary<string, Draft> _drafts = new(StringComparer.Ordinal);
    private readonly List<string> _warnings = [];
    private int _refusedFrames;

    public void Add(MetricEvent e)
    {
        if (e is MetricEvent.SessionRefused refused)
        {
            // The event goes to every session listening: naming ours, it is about a tool that came later.
            if (refused.RunningSessionId == sessionId)
            {
                _refusedFrames = Math.Max(1, (int)Math.Ceiling(s_refusedShown / interval));
            }
            else
            {
                failed(RefusedFailure);
            }
            return;
        }
        if (e.SessionId != sessionId)
        {
            return;
        }
        switch (e)
        {
            case MetricEvent.Value v when v.Meter == MeterName:
                Apply(DraftOf(v.Tags), v);
                break;
            case MetricEvent.Histogram h when h.Meter == MeterName && h.Instrument == "actorpool.job.duration" && h.Count > 0:
                DraftOf(h.Tags).Durations.Add(new DurationView(h.Tags["actorpool.job.outcome"] ?? "all",
                    Quantile(h, 0.5), Quantile(h, 0.95), Quantile(h, 0.99), h.Count));
                break;
            case MetricEvent.CollectionStop:
                completed(Finish());
                break;
            case MetricEvent.Problem { Fatal: true } p:
                failed(p.Message);
                break;
            case MetricEvent.Problem p when !_warnings.Contains(p.Message):
                _warnings.Add(p.Message);
                break;
        }
    }

    private static double Quantile(MetricEvent.Histogram h, double q) => h.Quantiles.TryGetValue(q, out var v) ? v : double.NaN;

    /// <summary>Per-supervisor values; load gauges without a supervisor tag describe the process and go to every supervisor.</summary>
    private Draft DraftOf(Tags tags)
    {
        // Two actor systems in one process may each have a supervisor at the same path; a cluster
        // group is its own row even when its supervisor's path repeats on another node.
        var key = $"{tags["actorpool.supervisor"]}@{tags["actorpool.system"]}#{tags["actorpool.group"]}";
        if (!_drafts.TryGetValue(key, out var draft))
        {
            draft = new Draft(tags["actorpool.supervisor"] ?? "", tags["actorpool.system"], tags["actorpool.group"]);
            _drafts[key] = draft;
        }
        return draft;
    }

    private void Apply(Draft d, MetricEvent.Value v)
    {
        var current = v.Current is { } c ? (int)Math.Round(c) : (int?)null;
        var perSecond = v.Rate / interval.TotalSeconds;
        switch (v.Instrument)
        {
            case "actorpool.pool.count" when current is { } n:
                d.Pools[v.Tags["actorpool.pool.state"] ?? "?"] = n;
                break;
            case "actorpool.pool.desired": d.Desired = current; break;
            case "actorpool.pool.min": d.MinPools = current; break;
            case "actorpool.pool.max": d.MaxPools = current; break;
            case "actorpool.units": d.Units = current; break;
            case "actorpool.job.queued": d.Queued = current; break;
            case "actorpool.job.running": d.Running = current; break;
            case "actorpool.worker.count": d.Workers = current; break;
            case "actorpool.worker.stuck": d.StuckWorkers = current; break;
            case "actorpool.lease.count" when current is { } n:
                d.Leases[v.Tags["actorpool.lease.state"] ?? "?"] = n;
                break;
            case "actorpool.lease.waiting": d.LeaseWaiting = current; break;
            case "actorpool.job.completed" when perSecond is { } r:
                d.Jobs[v.Tags["actorpool.job.outcome"] ?? "?"] = r;
                break;
            case "actorpool.job.rejected": d.Rejected = perSecond; break;
            case "actorpool.sizing.decisions" when perSecond is { } r:
                // One series per policy: the view shows them summed.
                d.Decisions = (d.Decisions ?? 0) + r;
                break;
            case "actorpool.load.cpu": d.Cpu = v.Current; break;
            case "actorpool.load.memory": d.Memory = v.Current; break;
            case "actorpool.load.scheduling_lag": d.Lag = v.Current; break;
            case "actorpool.load.overloaded": d.Overloaded = v.Current is { } o ? o >= 1 : null; break;
        }
    }

    private TopFrame Finish()
    {
        var process = _drafts.Values.FirstOrDefault(d => d.Supervisor.Length == 0);
        var views = _drafts.Values.Where(d => d.Supervisor.Length > 0).Select(d => d.ToView(process)).ToList();
        // The system goes into the label only where the path alone would not tell two rows apart.
        var shared = views.GroupBy(v => v.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        var supervisors = views
            .Select(v => shared.Contains(v.Name) ? v with { ShowSystem = true } : v)
            .OrderBy(s => s.Supervisor, StringComparer.Ordinal)
            .ThenBy(s => s.Group, StringComparer.Ordinal)
            .ThenBy(s => s.System, StringComparer.Ordinal)
            .ToList();
        if (_refusedFrames > 0)
        {
            _refusedFrames--;
            _warnings.Add(RefusedWarning);
        }
        var frame = new TopFrame(target, time.GetLocalNow(), supervisors, [.. _warnings]);
        _drafts.Clear();
        _warnings.Clear();
        return frame;
    }

    /// <summary>One supervisor's values while its interval is being read.</summary>
    private sealed class Draft(string supervisor, string? system, string? group)
    {
        public string Supervisor => supervisor;

        public Dictionary<string, int> Pools { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, int> Leases { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, double> Jobs { get; } = new(StringComparer.Ordinal);

        public List<DurationView> Durations { get; } = [];

        public int? Desired { get; set; }

        public int? MinPools { get; set; }

        public int? MaxPools { get; set; }

        public int? Units { get; set; }

        public int? Queued { get; set; }

        public int? Running { get; set; }

        public int? Workers { get; set; }

        public int? StuckWorkers { get; set; }

        public int? LeaseWaiting { get; set; }

        public double? Rejected { get; set; }

        public double? Decisions { get; set; }

        public double? Cpu { get; set; }

        public double? Memory { get; set; }

        public double? Lag { get; set; }

        public bool? Overloaded { get; set; }

        public SupervisorView ToView(Draft? process) => new()
        {
            Supervisor = supervisor,
            System = system,
            Group = group,
            Pools = new Dictionary<string, int>(Pools),
            Desired = Desired,
            MinPools = MinPools,
            MaxPools = MaxPools,
            Units = Units,
            Queued = Queued,
            Running = Running,
            Workers = Workers,
            StuckWorkers = StuckWorkers,
            Leases = new Dictionary<string, int>(Leases),
            LeaseWaiting = LeaseWaiting,
            JobsPerSecond = new Dictionary<string, double>(Jobs),
            RejectedPerSecond = Rejected,
            DecisionsPerSecond = Decisions,
            Durations = [.. Durations.OrderByDescending(x => x.Count)],
            Load = new LoadView(
                Cpu ?? process?.Cpu ?? double.NaN,
                Memory ?? process?.Memory ?? double.NaN,
                Lag ?? process?.Lag ?? double.NaN,
                Overloaded ?? process?.Overloaded),
        };
    }
}
