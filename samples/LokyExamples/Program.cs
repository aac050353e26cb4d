// loky's reusable-executor examples, on ActorPool's process backend: every worker is a child
// process that runs one job at a time (loky's model).
//
//   reuse         the same options return the same executor and the same children
//   resize        a new MaxWorkers resizes the executor in place
//   kill_workers  fresh children replace the old ones
//   initializer   runs once in each child; env sets variables in each child
//   crash         a job that kills its child fails with WorkerCrashedException, and a fresh child
//                 takes the next job
//
// Run: dotnet run --project samples/LokyExamples
using ActorPool;
using ActorPool.Process;
using ActorPool.Samples.LokyExamples;
using Akka.Actor;
using Akka.Configuration;

var config = ConfigurationFactory.ParseString("""
    akka.loglevel = WARNING
    # loky fails a job whose worker died and does not run it again: no retries here either.
    actor-pool.workers.max-job-crashes = 1
    """);
using var system = ActorSystem.Create("loky", config);
var pools = ActorPools.Get(system);

#region loky-options
// loky's env and initializer are the children's ProcessSettings; equal settings reuse an executor.
var children = ProcessSettings.Create(system) with
{
    Env = new Dictionary<string, string> { ["LOKY_GREETING"] = "hello from env" },
    Initializer = typeof(Greeter),
};
ReusableExecutorOptions Options(int maxWorkers) =>
    new ReusableExecutorOptions { Key = "loky", MaxWorkers = maxWorkers }.WithProcessBackend(children);
#endregion

var executor = pools.ReusableExecutor(Options(2));
var first = await ChildrenAsync(executor, 2);
Console.WriteLine($"reuse: executor {Name(executor)}, parent {Environment.ProcessId}, children {Show(first)}");
var again = pools.ReusableExecutor(Options(2));
var second = await ChildrenAsync(again, 2);
Console.WriteLine($"reuse: same options, same executor: {ReferenceEquals(executor, again)}, {Name(again)}, children {Show(second)}");

Console.WriteLine($"initializer and env: {await executor.RunProcessJobAsync<GreetJob, string, string>("LOKY_GREETING")}");

var resized = pools.ReusableExecutor(Options(4));
var four = await ChildrenAsync(resized, 4);
var live = (await resized.GetStatusAsync()).Pools.Single().LiveWorkers;
Console.WriteLine($"resize: MaxWorkers 2 -> 4, same executor: {ReferenceEquals(executor, resized)}, live workers {live}, "
    + $"children {Show(four)}, kept {four.Intersect(first).Count()}");

// loky's kill_workers: the executor comes back, and its next jobs wait for the fresh children.
var killed = pools.ReusableExecutor(Options(4) with { KillWorkers = true });
var fresh = await ChildrenAsync(killed, 4);
Console.WriteLine($"kill_workers: same executor: {ReferenceEquals(executor, killed)}, children {Show(fresh)}, old ones left {fresh.Intersect(four).Count()}");

try
{
    await resized.RunProcessJobAsync<CrashJob, int, int>(42);
}
catch (WorkerCrashedException crash)
{
    Console.WriteLine($"crash: {nameof(WorkerCrashedException)}, exit code {crash.ExitCode}");
}
var afterCrash = await ChildrenAsync(resized, 4);
Console.WriteLine($"crash: next jobs ran on children {Show(afterCrash)}, new {afterCrash.Except(fresh).Count()}, kept {afterCrash.Intersect(fresh).Count()}");

await resized.ShutdownAsync();
await system.Terminate();

// The pids of the executor's children: one meeting job per worker (see MeetJob).
static async Task<int[]> ChildrenAsync(ReusableExecutor executor, int workers)
{
    var folder = Directory.CreateTempSubdirectory("loky-meeting-").FullName;
    try
    {
        var meeting = new Meeting(folder, workers);
        var jobs = Enumerable.Range(0, workers)
            .Select(_ => executor.RunProcessJobAsync<MeetJob, Meeting, int>(meeting, timeout: TimeSpan.FromSeconds(60)));
        return [.. (await Task.WhenAll(jobs)).Order()];
    }
    finally
    {
        Directory.Delete(folder, recursive: true);
    }
}

static string Name(ReusableExecutor executor) => executor.Supervisor.Path.Name;

static string Show(IEnumerable<int> pids) => $"[{string.Join(", ", pids)}]";
