// Pull mode on the load policy: Crawlee's AutoscaledPool driving a crawl, ported.
//
// The crawler is a task source: the supervisor asks it for a page whenever a worker is free, and
// the load policy grows the pools while they are busy and nothing is overloaded (and shrinks them
// while something is), so the crawl's concurrency follows the machine. The "web" is simulated
// (no network): each page takes a few milliseconds of I/O and a little CPU, and links to more
// pages until the site's 1,000 pages are found.
//
// Run: dotnet run --project samples/CrawlerRun
using ActorPool;
using ActorPool.Samples.CrawlerRun;
using Akka.Actor;
using Akka.Configuration;

var config = ConfigurationFactory.ParseString("""
    akka.loglevel = WARNING
    actor-pool {
      min-pools = 1
      max-pools = 8
      workers-per-pool = 2
      logging-interval = off
      sizing {
        policy = load
        decision-interval = 100ms
        # Crawlee's 10 s between autoscaling steps is long for a demo of a few seconds.
        load.autoscale-interval = 200ms
        # And its 5% steps are small for pools of 2 workers: 50% shows the growth sooner.
        load.scale-up-step-ratio = 0.5
      }
    }
    """);
using var system = ActorSystem.Create("crawler-run", config);

var settings = PoolSettings.Create(system);
var pools = system.ActorOf(PoolSupervisor.Props(settings), "pools");
var client = ActorPools.Get(system).Client(pools);

#region crawler-run-concurrency
// Every decision that changes the pools is published with its reason.
var changes = system.ActorOf(Props.Create(() => new ConcurrencyPrinter(settings.WorkersPerPool)), "concurrency");
system.EventStream.Subscribe(changes, typeof(ScalingDecision));
#endregion

Console.WriteLine($"Crawling a site of {SimulatedSite.Pages} pages, starting at {settings.MinPools} pool(s) x {settings.WorkersPerPool} workers");
#region crawler-run
var crawler = new Crawler();
var done = await client.RunAsync(crawler);
#endregion
Console.WriteLine($"Crawled {crawler.Crawled} pages in {done.Took.TotalSeconds:0.0} s ({done.Succeeded} tasks, {done.Failed} failed)");
Console.WriteLine($"Most pages fetched at once: {crawler.PeakInFlight}");

await system.Terminate();
