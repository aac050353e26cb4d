// Operations: what an operator sees of a running supervisor, with no code of ours in between.
//
// A generic host runs an actor system with one pool supervisor (Akka.Hosting), exports the
// ActorPool meter with OpenTelemetry's console exporter, and registers the supervisor's health
// check. Jobs run (a few fail on purpose) and the unit count changes every few seconds, so the
// numbers move; the health report is printed every second. It stops by itself.
//
// Run: dotnet run --project samples/Operations -- --seconds 10
// Watch it from another terminal: dotnet-counters monitor --counters ActorPool -n Operations
using ActorPool;
using ActorPool.Hosting;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;

var seconds = args.Length == 2 && args[0] == "--seconds" && int.TryParse(args[1], out var n) && n > 0
    ? n
    : args.Length == 0 ? 10 : throw new ArgumentException($"usage: Operations [--seconds N] (N > 0), was: [{string.Join(' ', args)}]", nameof(args));

var builder = Host.CreateApplicationBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddAkka("ops", b => b.WithActorPool("pools", o =>
{
    o.MinPools = 1;
    o.MaxPools = 4;
    o.UnitsPerPool = 10;
    o.WorkersPerPool = 2;
    o.LoggingInterval = TimeSpan.Zero;
}));
builder.Services.AddActorPoolClient();

#region operations-metrics
// The ActorPool meter, exported every 2 s (and once more at shutdown); any exporter works the same way.
builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
    .AddMeter(ActorPoolMetrics.MeterName)
    .AddConsoleExporter((_, reader) => reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = 2000));
#endregion

#region operations-health
// Unhealthy when the supervisor is dead, degraded while pools are stuck or overload persists.
builder.Services.AddHealthChecks().AddActorPool("actor-pool");
#endregion

using var host = builder.Build();
await host.StartAsync();
var client = host.Services.GetRequiredService<PoolClient>();
var health = host.Services.GetRequiredService<HealthCheckService>();
Console.WriteLine($"Operations: pid {Environment.ProcessId}, running {seconds} s; watch with: dotnet-counters monitor --counters ActorPool -p {Environment.ProcessId}");

int[] units = [5, 25, 35, 15];
var failed = 0;
using var everySecond = new PeriodicTimer(TimeSpan.FromSeconds(1));
for (var second = 0; second < seconds && await everySecond.WaitForNextTickAsync(); second++)
{
    if (second % 3 == 0)
    {
        // A live control, as an application's device registry would send it.
        client.ScaleChanged(units[second / 3 % units.Length]);
    }
    var jobs = Enumerable.Range(0, 40).Select(k => client.SubmitAsync(() =>
    {
        Thread.Sleep(5 + k % 20); // work of a few milliseconds
        return k % 13 == 12 ? throw new InvalidOperationException("a deliberate failure") : k;
    })).ToList();
    foreach (var job in jobs)
    {
        try
        {
            await job;
        }
        catch (InvalidOperationException)
        {
            failed++;
        }
    }
    if (second == 1)
    {
        // A lease, so the lease instruments move too.
        var lease = await client.AcquireLeaseAsync(TimeSpan.FromSeconds(30), waitUpTo: TimeSpan.FromSeconds(10));
        await lease.SubmitAsync(() => Thread.CurrentThread.Name);
        await lease.ReleaseAsync();
    }
    var report = await health.CheckHealthAsync();
    var entry = report.Entries["actor-pool"];
    Console.WriteLine($"second {second + 1}: health: {entry.Status} ({entry.Description}); {failed} deliberate failures so far");
}

var status = client.Status!;
Console.WriteLine($"Done: {status.Jobs.Succeeded} succeeded, {status.Jobs.Failed} failed, {status.Total} pools, desired {status.Desired}");
// One last export while the supervisor still runs: once it has stopped, its observable series end.
host.Services.GetRequiredService<MeterProvider>().ForceFlush();
await host.StopAsync();
