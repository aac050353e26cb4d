using System.Diagnostics;
using Akka.Actor;
using Akka.Configuration;

namespace ActorPool.Process.Benchmarks;

/// <summary>
/// The alternative link, measured cheaply: two remote-enabled ActorSystems in this one process on
/// 127.0.0.1, an echo actor, Ask round trips. No process boundary, so it is a lower bound of what
/// Akka.Remote would cost a child; its start is an ActorSystem with remoting, not a process.
/// </summary>
internal static class AkkaRemoteLink
{
    private static readonly Config s_remote = ConfigurationFactory.ParseString("""
        akka.loglevel = WARNING
        akka.actor.provider = remote
        akka.remote.dot-netty.tcp { hostname = 127.0.0.1, port = 0 }
        """);

    public static async Task<(Stats Start, Stats RoundTrip)> MeasureAsync(int roundTrips, int starts)
    {
        var start = new Stats("Akka.Remote: an ActorSystem with remoting on 127.0.0.1, start to bound (in-process, no child)");
        for (var i = 0; i < starts; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var system = ActorSystem.Create("start" + i, s_remote);
            start.Add(Stopwatch.GetElapsedTime(started));
            await system.Terminate();
        }

        var trip = new Stats("Akka.Remote Ask round trip on 127.0.0.1 (two systems in one process)");
        var server = ActorSystem.Create("server", s_remote);
        var client = ActorSystem.Create("client", s_remote);
        try
        {
            server.ActorOf(Props.Create<Echo>(), "echo");
            var address = ((ExtendedActorSystem)server).Provider.DefaultAddress;
            var echo = await client.ActorSelection(new RootActorPath(address) / "user" / "echo").ResolveOne(TimeSpan.FromSeconds(10));
            for (var i = 0; i < roundTrips + 200; i++)
            {
                var sample = new Stats("");
                await sample.TimeAsync(() => echo.Ask<string>("ping", TimeSpan.FromSeconds(10)));
                if (i >= 200)
                {
                    trip.Add(TimeSpan.FromMicroseconds(sample.Median));
                }
            }
        }
        finally
        {
            await Task.WhenAll(client.Terminate(), server.Terminate());
        }

        return (start, trip);
    }

    private sealed class Echo : ReceiveActor
    {
        public Echo() => Receive<string>(s => Sender.Tell(s));
    }
}
