// Capability scaling: Scaler's capability policy, ported.
//
// Some jobs need a capability only some pools have (a GPU here; a licence, a device, a model in
// memory elsewhere). With sizing.policy = capability, a job that requires "gpu" waits for a pool
// started with it; the supervisor starts [gpu] pools as such jobs arrive, sizes them by jobs per
// worker, and stops them when none is left, back to its one plain pool.
//
// Run: dotnet run --project samples/CapabilityScaling
using ActorPool;
using Akka.Actor;
using Akka.Configuration;

var config = ConfigurationFactory.ParseString("""
    akka.loglevel = WARNING
    actor-pool {
      min-pools = 1
      max-pools = 6
      workers-per-pool = 2
      logging-interval = off
      sizing {
        policy = capability
        decision-interval = 100ms
      }
    }
    """);
using var system = ActorSystem.Create("capability-scaling", config);
var pools = system.ActorOf(PoolSupervisor.Props(PoolSettings.Create(system)), "pools");
var client = ActorPools.Get(system).Client(pools);

await Show("At start");

#region capability-scaling-submit
// 24 gpu jobs of 200 ms and 8 plain ones: the gpu jobs need [gpu] pools.
var gpuJobs = Enumerable.Range(0, 24).Select(i => client.SubmitAsync(() => Render(i), ["gpu"])).ToList();
var cpuJobs = Enumerable.Range(0, 8).Select(i => client.SubmitAsync(() => i * i)).ToList();
#endregion

// A look while the gpu jobs run: as soon as a [gpu] pool is at work.
while (!(await client.GetStatusAsync()).Pools.Any(p => p.Capabilities.Count > 0 && p.RunningJobs > 0))
{
    await Task.Delay(TimeSpan.FromMilliseconds(20));
}
await Show("Under load");

var rendered = await Task.WhenAll(gpuJobs);
await Task.WhenAll(cpuJobs);
Console.WriteLine($"{rendered.Length} gpu jobs ran on: {string.Join(", ", rendered.Select(r => r.Pool).Distinct().Order())}");

var idle = await client.AwaitSettledAsync();
while (idle.Pools.Any(p => p.Capabilities.Count > 0))
{
    await Task.Delay(TimeSpan.FromMilliseconds(100));
    idle = await client.GetStatusAsync();
}
await Show("When idle");
await system.Terminate();

async Task Show(string when)
{
    var status = await client.GetStatusAsync();
    var groups = status.Pools.GroupBy(p => p.Capabilities.Count == 0 ? "plain" : $"[{string.Join(", ", p.Capabilities)}]")
        .Select(g => $"{g.Count()} {g.Key}");
    Console.WriteLine($"{when}: {string.Join(", ", groups)} pool(s)");
}

static (int Frame, string Pool) Render(int frame)
{
    Thread.Sleep(200); // the "GPU" at work
    var thread = Thread.CurrentThread.Name!;
    return (frame, thread[(thread.IndexOf("pool-", StringComparison.Ordinal))..thread.IndexOf("-worker", StringComparison.Ordinal)]);
}
