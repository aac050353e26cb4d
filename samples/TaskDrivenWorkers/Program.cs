// Task-driven workers: the seed's dynamic pool manager, ported.
//
// A worker is started for each task and ends as soon as its task is done; the pool reaps it and
// its place goes to the next task at once, within the same bounds and queue as any pool
// (actor-pool.workers.mode = ephemeral). Here 12 tasks share 3 places.
//
// Run: dotnet run --project samples/TaskDrivenWorkers
using ActorPool;
using Akka.Actor;
using Akka.Configuration;

const int Tasks = 12;

var config = ConfigurationFactory.ParseString("""
    akka.loglevel = WARNING
    actor-pool {
      min-pools = 1
      max-pools = 1
      workers-per-pool = 3
      logging-interval = off
      workers.mode = ephemeral
    }
    """);
using var system = ActorSystem.Create("task-driven", config);

// Count the workers the pool reaps, as the seed's manager reaps terminated processes.
var reaped = new TaskCompletionSource();
var reaper = system.ActorOf(Props.Create(() => new Reaper(Tasks, reaped)), "reaper");
system.EventStream.Subscribe(reaper, typeof(WorkerStopped));

var pools = system.ActorOf(PoolSupervisor.Props(PoolSettings.Create(system)), "workers");
var client = ActorPools.Get(system).Client(pools);

#region task-driven-submit
var results = Enumerable.Range(0, Tasks)
    .Select(i => client.SubmitAsync(() => Process($"job_{450 + i}")))
    .ToList();
#endregion
foreach (var result in results)
{
    Console.WriteLine(await result);
}

await reaped.Task.WaitAsync(TimeSpan.FromSeconds(30));
var pool = (await client.GetStatusAsync()).Pools.Single();
Console.WriteLine($"{Tasks} tasks ran on {pool.WorkersStarted} workers, one each; workers alive now: {pool.LiveWorkers}");

await system.Terminate();

// Stands in for processing a task: a few milliseconds of work on the worker's own thread.
static string Process(string task)
{
    var until = Environment.TickCount64 + Random.Shared.Next(1, 5);
    while (Environment.TickCount64 < until)
    {
        Thread.SpinWait(100);
    }
    return $"worker {Thread.CurrentThread.Name} finished {task}";
}

/// <summary>Counts the workers that ended because their one task was done.</summary>
internal sealed class Reaper : ReceiveActor
{
    public Reaper(int expected, TaskCompletionSource done)
    {
        var reaped = 0;
        Receive<WorkerStopped>(stopped =>
        {
            if (stopped.Reason == "job-done" && ++reaped == expected)
            {
                done.TrySetResult();
            }
        });
    }
}
