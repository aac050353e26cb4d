// Three ActorPool cluster nodes, in one command. Three actor systems in this process on
// 127.0.0.1 form a cluster; six tenants (pool groups of type "tenants") spread over them, each
// given units, one given bounds; a registered job runs on each tenant from node 3; node 3 leaves
// gracefully and its tenants move to the other two with their units and bounds; a summary.
//
// Run: dotnet run --project samples/ClusterThreeNodes
//
// On several machines (docs/cluster.md, "Several machines"):
//   dotnet run --project samples/ClusterThreeNodes -- node <host> <port> <seed-host:seed-port> [roles, default pool]
//   dotnet run --project samples/ClusterThreeNodes -- client <host> <port> <seed-host:seed-port> [place|status]
using System.Globalization;
using ActorPool.Samples.ClusterThreeNodes;
using Akka.Actor;

return args switch
{
    [] => await ThreeNodes.RunAsync(Console.Out),
    ["node", var host, var port, var seed, .. var rest] when Port(port) is { } p && Seed(seed) is { } s =>
        await NodeMode.RunNodeAsync(host, p, s, rest.Length > 0 ? rest[0].Split(',', StringSplitOptions.RemoveEmptyEntries) : [ClusterNode.HostRole], Console.Out),
    ["client", var host, var port, var seed, .. var rest] when Port(port) is { } p && Seed(seed) is { } s && rest is [] or ["place" or "status"] =>
        await NodeMode.RunClientAsync(host, p, s, rest.Length > 0 ? rest[0] : "status", Console.Out),
    _ => Usage(),
};

static int? Port(string text) =>
    int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535 ? port : null;

static Address? Seed(string text) =>
    text.Split(':') is [var host, var port] && host.Length > 0 && Port(port) is { } p
        ? new Address("akka.tcp", ClusterNode.SystemName, host, p)
        : null;

static int Usage()
{
    Console.Error.WriteLine("""
        usage: ClusterThreeNodes                                        three nodes in this process (the tour)
               ClusterThreeNodes node <host> <port> <seed-host:seed-port> [roles]
                                                                        one node; roles comma-separated, default "pool"
               ClusterThreeNodes client <host> <port> <seed-host:seed-port> [place|status]
                                                                        a client node: place the tenants, or print where they are
        """);
    return 2;
}
