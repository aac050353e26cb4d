using Akka.Actor;
using Akka.Cluster;

namespace ActorPool.Cluster.TestNode;

/// <summary>
/// Node processes on 127.0.0.1 (the first is the seed and the oldest, so it runs the shard
/// coordinator) and a client: an actor system in this process that joins last, without the
/// <see cref="FailoverConfig.Role"/> role, so it hosts nothing and reaches the groups through a
/// proxy. Disposing it terminates the client and kills every node still running.
/// </summary>
public sealed class FailoverCluster : IAsyncDisposable
{
    private readonly List<NodeProcess> _nodes = [];
    private readonly List<string> _addresses = [];
    private ActorSystem? _client;

    private FailoverCluster(NodeTimings timings) => Timings = timings;

    /// <summary>The timings every member runs with.</summary>
    public NodeTimings Timings { get; }

    /// <summary>The client actor system.</summary>
    public ActorSystem Client => _client ?? throw new InvalidOperationException("The client has not started.");

    /// <summary>The node processes, the seed first.</summary>
    public IReadOnlyList<NodeProcess> Nodes => _nodes;

    /// <summary>Each node's address, in the order of <see cref="Nodes"/>.</summary>
    public IReadOnlyList<string> Addresses => _addresses;

    /// <summary>Starts <paramref name="nodeCount"/> nodes of <paramref name="mode"/> and the client, and waits until all are Up.</summary>
    /// <param name="mode">What the nodes host.</param>
    /// <param name="timings">Failure detection and downing, for every member.</param>
    /// <param name="nodeCount">How many nodes.</param>
    /// <param name="within">How long each step may take (a node's start, the client's join).</param>
    /// <returns>The running cluster.</returns>
    public static async Task<FailoverCluster> StartAsync(NodeMode mode, NodeTimings timings, int nodeCount = 3, TimeSpan? within = null)
    {
        ArgumentNullException.ThrowIfNull(timings);
        ArgumentOutOfRangeException.ThrowIfLessThan(nodeCount, 1);
        var wait = within ?? TimeSpan.FromSeconds(90);
        var cluster = new FailoverCluster(timings);
        try
        {
            var seed = cluster.Add(new NodeOptions(mode, "self", 0, timings, null));
            cluster._addresses.Add(await seed.UpAsync(wait));
            var rest = Enumerable.Range(1, nodeCount - 1)
                .Select(_ => cluster.Add(new NodeOptions(mode, cluster._addresses[0], 0, timings, null)))
                .ToList();
            foreach (var node in rest)
            {
                cluster._addresses.Add(await node.UpAsync(wait));
            }

            cluster._client = ActorSystem.Create(FailoverConfig.SystemName, FailoverConfig.Create(timings, 0, []));
            var client = Akka.Cluster.Cluster.Get(cluster._client);
            using (var deadline = new CancellationTokenSource(wait))
            {
                await client.JoinAsync(Address.Parse(cluster._addresses[0]), deadline.Token);
            }
            await Until(
                () => client.State.Members.Count(m => m.Status == MemberStatus.Up) == nodeCount + 1,
                wait,
                () => $"the client does not see {nodeCount + 1} members Up: {string.Join(", ", client.State.Members)}");
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>The node at <paramref name="address"/>.</summary>
    /// <param name="address">A node's address.</param>
    /// <returns>Its process.</returns>
    public NodeProcess NodeAt(string address)
    {
        var index = _addresses.IndexOf(address);
        return index >= 0 ? _nodes[index] : throw new ArgumentException($"No node has the address [{address}]; the nodes: {string.Join(", ", _addresses)}", nameof(address));
    }

    /// <summary>Polls <paramref name="condition"/> every 50 ms until it holds, or fails after <paramref name="within"/>.</summary>
    /// <param name="condition">What must hold.</param>
    /// <param name="within">How long to wait.</param>
    /// <param name="describe">What did not hold, for the exception.</param>
    /// <returns>A task that completes when it holds.</returns>
    /// <exception cref="TimeoutException">It did not hold in time.</exception>
    public static async Task Until(Func<bool> condition, TimeSpan within, Func<string> describe)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(describe);
        using var deadline = new CancellationTokenSource(within);
        while (!condition())
        {
            if (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"After {within}: {describe()}");
            }
            await Task.Delay(50, CancellationToken.None);
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_client is not null)
            {
                await _client.Terminate().WaitAsync(TimeSpan.FromSeconds(20));
            }
        }
        catch (TimeoutException)
        {
            // The nodes are killed below either way.
        }
        finally
        {
            foreach (var node in _nodes)
            {
                node.Dispose();
            }
        }
    }

    private NodeProcess Add(NodeOptions options)
    {
        var node = NodeProcess.Start($"node-{_nodes.Count + 1}", options);
        _nodes.Add(node);
        return node;
    }
}
