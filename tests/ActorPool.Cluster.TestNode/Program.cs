using System.Runtime.InteropServices;
using ActorPool;
using ActorPool.Cluster;
using ActorPool.Cluster.TestNode;
using Akka.Actor;
using Akka.Cluster.Sharding;
using OsProcess = System.Diagnostics.Process;

// One cluster node. Prints "NODE UP <address>" once it is Up and hosts its group or entity type,
// then runs until its standard input closes, it gets SIGTERM or SIGINT, or its --parent process
// ends; then it leaves the cluster and exits 0. (SIGKILL is the crash being tested.)
NodeOptions options;
try
{
    options = NodeOptions.Parse(args);
}
catch (FormatException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(NodeOptions.Usage);
    return 2;
}

var stop = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
// The parent holds our standard input: its end, even by SIGKILL, closes it.
_ = Task.Run(async () =>
{
    await Console.In.ReadToEndAsync();
    stop.TrySetResult("standard input closed");
});
if (options.ParentPid is { } parentPid)
{
    _ = Task.Run(async () =>
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (await timer.WaitForNextTickAsync() && IsAlive(parentPid))
        {
        }
        stop.TrySetResult($"parent process {parentPid} ended");
    });
}

var system = ActorSystem.Create(FailoverConfig.SystemName, FailoverConfig.Create(options.Timings, options.Port, [FailoverConfig.Role]));
var cluster = Akka.Cluster.Cluster.Get(system);
WorkJob.Node = cluster.SelfAddress.ToString();
var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
cluster.RegisterOnMemberUp(() => up.TrySetResult());
await cluster.JoinAsync(options.Seed == "self" ? cluster.SelfAddress : Address.Parse(options.Seed));
await up.Task;
if (options.Mode == NodeMode.ActorPool)
{
    await ClusterPools.Get(system).RegisterJob<WorkJob>()
        .StartAsync(FailoverConfig.GroupType, PoolSettings.Create(system), [FailoverConfig.Role]);
}
else
{
    // The extension first: it adds sharding's defaults, which its settings read.
    var sharding = ClusterSharding.Get(system);
    await sharding.StartAsync(
        FailoverConfig.PlainType, Props.Create<PlainEntity>(),
        ClusterShardingSettings.Create(system).WithRole(FailoverConfig.Role), new PlainExtractor());
}
Console.WriteLine($"NODE UP {cluster.SelfAddress}");

var reason = await stop.Task;
Console.WriteLine($"NODE STOPPING: {reason}");
await CoordinatedShutdown.Get(system).Run(CoordinatedShutdown.ClrExitReason.Instance).WaitAsync(TimeSpan.FromSeconds(20));
return 0;

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stop.TrySetResult(context.Signal.ToString());
}

static bool IsAlive(int pid)
{
    try
    {
        using var parent = OsProcess.GetProcessById(pid);
        return !parent.HasExited;
    }
    catch (ArgumentException)
    {
        return false;
    }
}
