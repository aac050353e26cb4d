using ActorPool.Top.Metrics;

namespace ActorPool.Top.Tests;

/// <summary>Events as MetricsEventSource publishes them for the ActorPool meter's contract names.</summary>
internal static class Contract
{
    public const string Session = "s-1";

    public static string Tags(string supervisor, params string[] extra) =>
        string.Join(',', new[] { $"actorpool.supervisor={supervisor}", "actorpool.system=test" }.Concat(extra));

    public static MetricEvent UpDown(string instrument, string tags, double value) =>
        MetricEvent.Parse("UpDownCounterRateValuePublished", [Session, "ActorPool", "", instrument, "{pool}", tags, "0", value.ToString(System.Globalization.CultureInfo.InvariantCulture), 7])!;

    public static MetricEvent Counter(string instrument, string tags, double rate) =>
        MetricEvent.Parse("CounterRateValuePublished", [Session, "ActorPool", "", instrument, "{job}", tags, rate.ToString(System.Globalization.CultureInfo.InvariantCulture), "100", 8])!;

    public static MetricEvent Gauge(string instrument, string tags, double value) =>
        MetricEvent.Parse("GaugeValuePublished", [Session, "ActorPool", "", instrument, "1", tags, value.ToString(System.Globalization.CultureInfo.InvariantCulture), 9])!;

    public static MetricEvent Stop() => MetricEvent.Parse("CollectionStop", [Session, DateTime.UtcNow, DateTime.UtcNow])!;

    /// <summary>A supervisor with 4 pools (3 idle, 1 leased), 31 units, bounds 1..5, 12 jobs/s.</summary>
    public static IEnumerable<MetricEvent> Supervisor(string path)
    {
        var t = Tags(path);
        yield return UpDown("actorpool.pool.count", Tags(path, "actorpool.pool.state=idle"), 3);
        yield return UpDown("actorpool.pool.count", Tags(path, "actorpool.pool.state=busy"), 0);
        yield return UpDown("actorpool.pool.count", Tags(path, "actorpool.pool.state=leased"), 1);
        yield return UpDown("actorpool.pool.count", Tags(path, "actorpool.pool.state=draining"), 0);
        yield return UpDown("actorpool.pool.count", Tags(path, "actorpool.pool.state=stuck"), 0);
        yield return UpDown("actorpool.pool.desired", t, 4);
        yield return UpDown("actorpool.pool.min", t, 1);
        yield return UpDown("actorpool.pool.max", t, 5);
        yield return UpDown("actorpool.units", t, 31);
        yield return UpDown("actorpool.job.queued", t, 2);
        yield return UpDown("actorpool.job.running", t, 1);
        yield return UpDown("actorpool.worker.count", t, 8);
        yield return UpDown("actorpool.worker.stuck", t, 0);
        yield return UpDown("actorpool.lease.count", Tags(path, "actorpool.lease.state=active"), 1);
        yield return Counter("actorpool.job.completed", Tags(path, "actorpool.job.outcome=succeeded"), 12);
        yield return Counter("actorpool.job.completed", Tags(path, "actorpool.job.outcome=failed"), 1);
        yield return Counter("actorpool.job.rejected", t, 0);
        yield return Gauge("actorpool.load.cpu", t, 0.12);
        yield return Gauge("actorpool.load.memory", t, 0.4);
        yield return Gauge("actorpool.load.scheduling_lag", t, 0.003);
        yield return Gauge("actorpool.load.overloaded", t, 0);
        yield return MetricEvent.Parse("HistogramValuePublished",
            [Session, "ActorPool", "", "actorpool.job.duration", "s", Tags(path, "actorpool.job.outcome=succeeded"), "0.5=0.012;0.95=0.04;0.99=0.08", 12, 0.3, 10])!;
    }
}
