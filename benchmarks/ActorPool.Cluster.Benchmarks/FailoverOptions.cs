using System.Globalization;
using ActorPool.Cluster.TestNode;

namespace ActorPool.Cluster.Benchmarks;

/// <summary>The B10 runner's options; every value is printed in the report.</summary>
public sealed record FailoverOptions
{
    /// <summary>How the options are given.</summary>
    public const string Usage = """
        failover options:
          --repetitions N  repetitions per mode, interleaved plain, ActorPool, plain, ... (default 3)
          --groups N       groups (entities) placed on the three nodes (default 12)
          --out FILE       the report (default benchmarks/results/<today>-cluster-failover.md); the
                           per-run CSV is written beside it as FILE-stem.csv
        """;

    /// <summary>Repetitions per mode.</summary>
    public int Repetitions { get; init; } = 3;

    /// <summary>Groups (or plain entities), one shard each.</summary>
    public int Groups { get; init; } = 12;

    /// <summary>The report's path.</summary>
    public string Output { get; init; } = Path.Combine("benchmarks", "results", $"{DateTime.Now:yyyy-MM-dd}-cluster-failover.md");

    /// <summary>Failure detection and downing, for both modes.</summary>
    public NodeTimings Timings { get; init; } = NodeTimings.Fast;

    /// <summary>Between two jobs of the steady load (each to the next group in turn).</summary>
    public TimeSpan LoadInterval { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>How long each job of the load takes where it runs.</summary>
    public int JobMs { get; init; } = 20;

    /// <summary>Each load job's timeout (its Ask's, in plain sharding).</summary>
    public TimeSpan JobTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Load jobs sent before the kill.</summary>
    public int WarmJobs { get; init; } = 300;

    /// <summary>Between two probes of a group after the kill: the recovery's resolution.</summary>
    public TimeSpan ProbeInterval { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Each probe's timeout.</summary>
    public TimeSpan ProbeTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long the load goes on after the last group is back.</summary>
    public TimeSpan After { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Reads <c>--repetitions N --groups N --out FILE</c>.</summary>
    /// <param name="args">The options.</param>
    /// <returns>The options.</returns>
    /// <exception cref="FormatException">An option is unknown or its value is not a positive number; the message names it.</exception>
    public static FailoverOptions Parse(ReadOnlySpan<string> args)
    {
        var options = new FailoverOptions();
        for (var i = 0; i < args.Length; i += 2)
        {
            var name = args[i];
            var value = i + 1 < args.Length ? args[i + 1] : throw new FormatException($"option {name} needs a value after it");
            options = name switch
            {
                "--repetitions" => options with { Repetitions = Positive(name, value) },
                "--groups" => options with { Groups = Positive(name, value) },
                "--out" => options with { Output = value },
                _ => throw new FormatException($"unknown option [{name}]"),
            };
        }
        return options;
    }

    private static int Positive(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            ? number
            : throw new FormatException($"option {name} needs a whole number > 0, was: [{value}]");
}
