using System.Globalization;

namespace ActorPool.Cluster.TestNode;

/// <summary>What a node hosts: pool groups through ActorPool.Cluster, or plain sharding entities.</summary>
public enum NodeMode
{
    /// <summary><c>actorpool</c>: <see cref="FailoverConfig.GroupType"/> groups through <c>ClusterPools.StartAsync</c>, <see cref="WorkJob"/> registered.</summary>
    ActorPool,

    /// <summary><c>plain</c>: <see cref="FailoverConfig.PlainType"/> entities (<see cref="PlainEntity"/>) through <c>ClusterSharding.StartAsync</c>.</summary>
    Plain,
}

/// <summary>
/// The node program's command line:
/// <c>actorpool|plain --seed self|ADDRESS [--port N] [--heartbeat-ms N --pause-ms N --stable-after-ms N] [--parent PID]</c>.
/// </summary>
/// <param name="Mode">What the node hosts.</param>
/// <param name="Seed">The address to join (<c>akka.tcp://failover@127.0.0.1:PORT</c>), or <c>self</c> for the first node.</param>
/// <param name="Port">Its port on 127.0.0.1; 0 picks a free one.</param>
/// <param name="Timings">Failure detection and downing.</param>
/// <param name="ParentPid">A process whose end ends this node too, or null.</param>
public sealed record NodeOptions(NodeMode Mode, string Seed, int Port, NodeTimings Timings, int? ParentPid)
{
    /// <summary>How to call the program.</summary>
    public const string Usage =
        "usage: ActorPool.Cluster.TestNode actorpool|plain --seed self|akka.tcp://failover@127.0.0.1:PORT "
        + "[--port N] [--heartbeat-ms N] [--pause-ms N] [--stable-after-ms N] [--parent PID]";

    /// <summary>Reads the command line.</summary>
    /// <param name="args">The arguments.</param>
    /// <returns>The options.</returns>
    /// <exception cref="FormatException">An argument is missing, unknown or not a number; the message names it.</exception>
    public static NodeOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Count == 0)
        {
            throw new FormatException("the mode is missing: actorpool or plain");
        }
        var mode = args[0] switch
        {
            "actorpool" => NodeMode.ActorPool,
            "plain" => NodeMode.Plain,
            _ => throw new FormatException($"unknown mode [{args[0]}]: actorpool or plain"),
        };
        string? seed = null;
        var port = 0;
        int? parent = null;
        var timings = NodeTimings.Fast;
        for (var i = 1; i < args.Count; i += 2)
        {
            var name = args[i];
            var value = i + 1 < args.Count ? args[i + 1] : throw new FormatException($"option {name} needs a value after it");
            switch (name)
            {
                case "--seed":
                    seed = value;
                    break;
                case "--port":
                    port = Number(name, value);
                    break;
                case "--parent":
                    parent = Number(name, value);
                    break;
                case "--heartbeat-ms":
                    timings = timings with { Heartbeat = TimeSpan.FromMilliseconds(Number(name, value)) };
                    break;
                case "--pause-ms":
                    timings = timings with { AcceptablePause = TimeSpan.FromMilliseconds(Number(name, value)) };
                    break;
                case "--stable-after-ms":
                    timings = timings with { StableAfter = TimeSpan.FromMilliseconds(Number(name, value)) };
                    break;
                default:
                    throw new FormatException($"unknown option [{name}]");
            }
        }
        return new NodeOptions(mode, seed ?? throw new FormatException("--seed is missing: self for the first node, else its address"), port, timings, parent);
    }

    /// <summary>These options as the program's arguments.</summary>
    public IEnumerable<string> ToArgs()
    {
        yield return Mode == NodeMode.ActorPool ? "actorpool" : "plain";
        yield return "--seed";
        yield return Seed;
        yield return "--port";
        yield return Port.ToString(CultureInfo.InvariantCulture);
        foreach (var arg in Timings.ToArgs())
        {
            yield return arg;
        }
        if (ParentPid is { } pid)
        {
            yield return "--parent";
            yield return pid.ToString(CultureInfo.InvariantCulture);
        }
    }

    private static int Number(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new FormatException($"option {name} needs a whole number >= 0, was: [{value}]");
}
