using ActorPool.Top.Metrics;

namespace ActorPool.Top.Tests;

public sealed class FrameBuilderTests
{
    private readonly List<TopFrame> _frames = [];
    private readonly List<string> _failures = [];

    private FrameBuilder Builder() =>
        new(Contract.Session, "pid 42", TimeSpan.FromSeconds(1), TimeProvider.System, _frames.Add, _failures.Add);

    [Fact]
    public void OneInterval_BecomesOneFrame_WithEveryContractValueOfTheSupervisor()
    {
        var builder = Builder();
        foreach (var e in Contract.Supervisor("/user/pools"))
        {
            builder.Add(e);
        }
        Assert.Empty(_frames);
        builder.Add(Contract.Stop());

        var s = Assert.Single(Assert.Single(_frames).Supervisors);
        Assert.Equal("/user/pools", s.Supervisor);
        Assert.Equal("test", s.System);
        Assert.Equal((4, 4, 3, 1), (s.Desired, s.Total, s.PoolsIn("idle"), s.PoolsIn("leased")));
        Assert.Equal((1, 5, 31, 2, 1, 8), (s.MinPools, s.MaxPools, s.Units, s.Queued, s.Running, s.Workers));
        Assert.Equal(1, s.Leases["active"]);
        Assert.Equal(12, s.JobsPerSecond["succeeded"]);
        Assert.Equal(0.12, s.Load.Cpu);
        Assert.False(s.Load.Overloaded);
        var d = Assert.Single(s.Durations);
        Assert.Equal(("succeeded", 0.012, 0.08, 12L), (d.Outcome, d.P50, d.P99, d.Count));
    }

    [Fact]
    public void Rates_AreDividedByTheRefreshInterval()
    {
        var builder = new FrameBuilder(Contract.Session, "pid 42", TimeSpan.FromSeconds(2), TimeProvider.System, _frames.Add, _failures.Add);
        builder.Add(Contract.Counter("actorpool.job.completed", Contract.Tags("/user/a", "actorpool.job.outcome=succeeded"), 10));
        builder.Add(Contract.Stop());
        Assert.Equal(5, Assert.Single(_frames).Supervisors[0].JobsPerSecond["succeeded"]);
    }

    [Fact]
    public void OtherSessionsAndMeters_AreIgnored_AndEachIntervalStartsEmpty()
    {
        var builder = Builder();
        builder.Add(MetricEvent.Parse("UpDownCounterRateValuePublished", ["other-session", "ActorPool", "", "actorpool.units", "", Contract.Tags("/user/x"), "0", "5", 1])!);
        builder.Add(MetricEvent.Parse("UpDownCounterRateValuePublished", [Contract.Session, "System.Runtime", "", "actorpool.units", "", Contract.Tags("/user/y"), "0", "5", 1])!);
        builder.Add(Contract.Stop());
        foreach (var e in Contract.Supervisor("/user/b").Concat(Contract.Supervisor("/user/a")))
        {
            builder.Add(e);
        }
        builder.Add(Contract.Stop());
        builder.Add(Contract.Stop());

        Assert.Equal(3, _frames.Count);
        Assert.Empty(_frames[0].Supervisors);
        Assert.Equal(["/user/a", "/user/b"], _frames[1].Supervisors.Select(s => s.Supervisor));
        Assert.Empty(_frames[2].Supervisors);
    }

    [Fact]
    public void GroupsOfOneSupervisorPath_AreRowsOfTheirOwn()
    {
        var builder = Builder();
        builder.Add(Contract.UpDown("actorpool.units", Contract.Tags("/system/sharding/pools/1/t", "actorpool.group=tenant-1"), 10));
        builder.Add(Contract.UpDown("actorpool.units", Contract.Tags("/system/sharding/pools/1/t", "actorpool.group=tenant-2"), 20));
        builder.Add(Contract.Stop());
        Assert.Equal([("tenant-1", 10), ("tenant-2", 20)], _frames[0].Supervisors.Select(s => (s.Group, s.Units)).Select(x => (x.Group!, x.Units!.Value)));
    }

    [Fact]
    public void AnotherSessionOwningTheListener_Fails_WithWhatToDo()
    {
        var builder = Builder();
        builder.Add(MetricEvent.Parse("MultipleSessionsNotSupportedError", ["someone-else"])!);
        Assert.Contains("already reading this process's metrics", Assert.Single(_failures), StringComparison.Ordinal);
    }

    [Fact]
    public void AnotherToolRefusedWhileOursListens_IsAWarning_AndTheViewGoesOn()
    {
        // The runtime tells every listening session, ours included, which session it kept: ours.
        var builder = Builder();
        builder.Add(MetricEvent.Parse("MultipleSessionsNotSupportedError", [Contract.Session])!);
        for (var i = 0; i < 2; i++)
        {
            foreach (var e in Contract.Supervisor("/user/pools"))
            {
                builder.Add(e);
            }
            builder.Add(Contract.Stop());
        }

        Assert.Empty(_failures);
        Assert.Equal(2, _frames.Count);
        Assert.All(_frames, f => Assert.Equal("/user/pools", Assert.Single(f.Supervisors).Supervisor));
        // Shown for a while (10 s of 1 s intervals), not for one refresh only.
        Assert.All(_frames, f => Assert.Equal([FrameBuilder.RefusedWarning], f.Warnings));
    }

    [Fact]
    public void OneSupervisorPathInTwoActorSystems_IsTwoRows_LabelledWithTheSystem()
    {
        var builder = Builder();
        builder.Add(Contract.UpDown("actorpool.units", "actorpool.supervisor=/user/pools,actorpool.system=sys-b", 20));
        builder.Add(Contract.UpDown("actorpool.units", "actorpool.supervisor=/user/pools,actorpool.system=sys-a", 10));
        builder.Add(Contract.UpDown("actorpool.units", "actorpool.supervisor=/user/other,actorpool.system=sys-a", 30));
        builder.Add(Contract.Stop());

        Assert.Equal(
            [("/user/other", 30), ("/user/pools@sys-a", 10), ("/user/pools@sys-b", 20)],
            Assert.Single(_frames).Supervisors.Select(s => (s.Name, s.Units!.Value)));
    }

    [Fact]
    public void AnEmptyValue_MeansNotMeasured()
    {
        var e = (MetricEvent.Value)MetricEvent.Parse("GaugeValuePublished", [Contract.Session, "ActorPool", "", "actorpool.load.cpu", "1", "", "", 1])!;
        Assert.Null(e.Current);
        Assert.Equal(new Dictionary<double, double> { [0.5] = 1.5, [0.99] = 3 }, MetricEvent.ParseQuantiles("0.5=1.5;0.99=3;"));
    }
}
