// Adaptive sizing with a size provider: leasepool's examples/04_adaptive_sizing.py, ported.
//
// The supervisor does not need to know what the units are: connected devices here, but tenants,
// queues or shards work the same. The desired pool count is
// max(min-pools, ceil(units / units-per-pool)), capped by max-pools.
//
// Run: dotnet run --project samples/AdaptiveSizing
// Live demo (devices come and go in waves, for actorpool-top or dotnet-counters):
//   dotnet run --project samples/AdaptiveSizing -- --live 60      (or --live for until Ctrl-C)
// Timeline plot of pools, queue, CPU and memory over 20 s:
//   dotnet run --project samples/AdaptiveSizing -- --timeline timeline.png   (or .svg)
#region adaptive-sizing-usings
using System.Collections.Concurrent;
using ActorPool;
using Akka.Actor;
using Akka.Configuration;
#endregion
using ActorPool.Samples.AdaptiveSizing;

if (Demo.From(args) is { } demo)
{
    await demo();
    return;
}

// The supervisor's INFO state line would interleave with the story; warnings still show.
var config = ConfigurationFactory.ParseString("akka.loglevel = WARNING");
using var system = ActorSystem.Create("adaptive-sizing", config);

#region adaptive-sizing-setup
var connectedDevices = new ConcurrentDictionary<string, bool>();
var settings = PoolSettings.Create(system) with
{
    MinPools = 1,
    MaxPools = 5,
    UnitsPerPool = 10,
    WorkersPerPool = 2,
    CheckInterval = TimeSpan.FromSeconds(60),
};
var pools = system.ActorOf(PoolSupervisor.Props(settings, () => connectedDevices.Count), "pools");
var client = ActorPools.Get(system).Client(pools);
#endregion

var status = await client.AwaitSettledAsync();
Console.WriteLine($"Initial desired: {status.Desired}");
Console.WriteLine($"Initial total: {status.Total}");

#region adaptive-sizing-grow
for (var i = 0; i < 31; i++)
{
    connectedDevices[$"device-{i}"] = true;
    // Wake the supervisor at once instead of waiting for check-interval.
    client.Recheck();
}
// Waits until the pools match the target, the way the seed's sleep(0.1) hopes they do.
status = await client.AwaitSettledAsync();
#endregion
Console.WriteLine("After adding 31 devices:");
Console.WriteLine($" desired: {status.Desired}");
Console.WriteLine($" total: {status.Total}");

var where = await client.SubmitAsync(() => Thread.CurrentThread.Name);
Console.WriteLine($" a job ran on: {where}");

connectedDevices.Clear();
client.Recheck();
status = await client.AwaitSettledAsync();
Console.WriteLine("After removing all devices:");
Console.WriteLine($" desired: {status.Desired}");
Console.WriteLine($" total: {status.Total}");

await system.Terminate();
