using System.Diagnostics;
using ActorPool.Process;
using ActorPool.Process.Benchmarks;

// dotnet run -c Release --project benchmarks/ActorPool.Process.Benchmarks [-- --round-trips 2000 --starts 15]
// Prints a markdown report: child start, job round trip, SIGKILL to a ready replacement, and the
// baselines measured in the same run.
// With --pool [--rounds 20 --per-round 200]: only the round trip through a process pool against a
// direct ProcessWorker and a thread pool (PoolRoundTrip).
if (args.Contains("--pool"))
{
    var before = LoadAverage();
    var (pool, direct, thread, samples) = await PoolRoundTrip.MeasureAsync(Option("--rounds", 20), Option("--per-round", 200));
    Console.WriteLine($"Load average (1/5/15 min, {Environment.ProcessorCount} cores): {before} -> {LoadAverage()}");
    Console.WriteLine($".NET {Environment.Version}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");
    Console.WriteLine();
    Console.WriteLine("| measurement | rounds | median of round medians | p90 of all samples | ratio to direct |");
    Console.WriteLine("|---|---|---|---|---|");
    Console.WriteLine(pool.Row(direct, samples[0]));
    Console.WriteLine(direct.Row(null, samples[1]));
    Console.WriteLine(thread.Row(direct, samples[2]));
    return 0;
}

var roundTrips = Option("--round-trips", 2000);
var starts = Option("--starts", 15);
var load = new List<string> { LoadAverage() };

var plain = new Stats("plain `Process.Start` of the host, to its exit (runtime start + exit, no link)");
var host = Path.Combine(AppContext.BaseDirectory, "ActorPool.Process.Host.dll");
for (var i = 0; i < starts; i++)
{
    await plain.TimeAsync(async () =>
    {
        using var p = Process.Start(new ProcessStartInfo(Environment.ProcessPath!, ["exec", host])
        {
            RedirectStandardInput = true,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        p.StandardInput.Close(); // the host reads end of stream where its start frame should be, and exits
        await p.WaitForExitAsync();
    });
}

var start = new Stats("`ProcessWorker.StartAsync`: start to ready (start frame, allow-list loaded)");
for (var i = 0; i < starts; i++)
{
    await using var worker = Worker();
    await start.TimeAsync(() => worker.StartAsync());
}

load.Add(LoadAverage());
var raw = new Stats("raw pipe round trip, 32-byte frame through `cat` (the link's floor, no .NET child)");
using (var cat = Process.Start(new ProcessStartInfo("cat") { RedirectStandardInput = true, RedirectStandardOutput = true })!)
{
    var frame = new byte[32];
    var back = new byte[32];
    var input = cat.StandardInput.BaseStream;
    var output = cat.StandardOutput.BaseStream;
    for (var i = 0; i < roundTrips + 200; i++)
    {
        var sample = new Stats("");
        sample.Time(() =>
        {
            input.Write(frame);
            input.Flush();
            output.ReadExactly(back);
        });
        if (i >= 200)
        {
            raw.Add(TimeSpan.FromMicroseconds(sample.Median));
        }
    }

    cat.Kill();
}

var job = new Stats("job round trip over the stdin/stdout link (`RunJobAsync<EchoJob>`)");
await using (var worker = Worker())
{
    for (var i = 0; i < roundTrips + 200; i++)
    {
        var sample = new Stats("");
        await sample.TimeAsync(() => worker.RunJobAsync<EchoJob, string, string>("ping"));
        if (i >= 200)
        {
            job.Add(TimeSpan.FromMicroseconds(sample.Median));
        }
    }
}

load.Add(LoadAverage());
var (remoteStart, remoteTrip) = await AkkaRemoteLink.MeasureAsync(roundTrips, Math.Min(starts, 5));

var exitSeen = new Stats("SIGKILL to the exit seen by the worker");
var replaced = new Stats("SIGKILL to a ready replacement child");
var exited = new TaskCompletionSource();
await using (var worker = Worker(exit => exited.TrySetResult()))
{
    for (var i = 0; i < Math.Min(starts, 10); i++)
    {
        await worker.StartAsync();
        exited = new TaskCompletionSource();
        var killed = Stopwatch.GetTimestamp();
        using (var child = Process.GetProcessById(worker.ChildPid!.Value))
        {
            child.Kill();
        }

        await exited.Task;
        exitSeen.Add(Stopwatch.GetElapsedTime(killed));
        await worker.StartAsync();
        replaced.Add(Stopwatch.GetElapsedTime(killed));
    }
}

load.Add(LoadAverage());
Console.WriteLine($"Load average during the run (1/5/15 min, {Environment.ProcessorCount} cores): {string.Join(" -> ", load)}");
Console.WriteLine($".NET {Environment.Version}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");
Console.WriteLine();
Console.WriteLine("| measurement | n | median | p90 | ratio |");
Console.WriteLine("|---|---|---|---|---|");
Console.WriteLine(plain.Row(null));
Console.WriteLine(start.Row(plain));
Console.WriteLine(remoteStart.Row(plain));
Console.WriteLine(replaced.Row(start));
Console.WriteLine(exitSeen.Row(null));
Console.WriteLine(raw.Row(null));
Console.WriteLine(job.Row(raw));
Console.WriteLine(remoteTrip.Row(job));
return 0;

static ProcessWorker Worker(Action<ChildExit>? exited = null) => new(new ProcessWorkerOptions
{
    Name = "bench",
    Jobs = new ProcessJobRegistry().Register<EchoJob>(),
    ChildExited = exited,
});

int Option(string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], System.Globalization.CultureInfo.InvariantCulture) : fallback;
}

static string LoadAverage()
{
    try
    {
        return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
    }
    catch (IOException)
    {
        return "unknown";
    }
}
