// Device sessions that lease whole pools: one releases its pool, one forgets to and its lease
// expires (warning, grace, revocation), and one crashes, so its lease comes back at once.
//
// Run: dotnet run --project samples/DeviceSessions
using ActorPool;
using ActorPool.Samples.DeviceSessions;
using Akka.Actor;

using var system = ActorSystem.Create("device-sessions");
var settings = PoolSettings.Create(system) with
{
    MinPools = 1,
    MaxPools = 3,
    WorkersPerPool = 2,
    LoggingInterval = null,
};
settings = settings with { Lease = settings.Lease with { Grace = TimeSpan.FromSeconds(1) } };
var pools = system.ActorOf(PoolSupervisor.Props(settings), "pools");

var revoked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
var printer = system.ActorOf(Props.Create(() => new LeasePrinter(revoked)), "printer");
system.EventStream.Subscribe(printer, typeof(LeaseChanged));

var sessions = system.ActorOf(Props.Create<Sessions>(), "sessions");
sessions.Tell(new Start("tidy-sensor", pools, SessionKind.Releases));
var lost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
sessions.Tell(new Start("forgetful-meter", pools, SessionKind.Forgets, lost));
sessions.Tell(new Start("crashing-camera", pools, SessionKind.Crashes));

// The supervisor publishes the revocation before it tells the holder: wait for both to have spoken.
await Task.WhenAll(revoked.Task, lost.Task).WaitAsync(TimeSpan.FromSeconds(30));
var status = await ActorPools.Get(system).Client(pools).AwaitSettledAsync();
Console.WriteLine($"Finally: {status.Total} pool(s), {status.Leased} leased, {status.Idle} idle; " +
    $"active leases: [{string.Join(", ", status.Leases.Select(l => l.LeaseId))}]");
await system.Terminate();
