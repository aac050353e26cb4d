using System.Globalization;
using ActorPool.Benchmarks;
using ActorPool.Benchmarks.Jobs;
using ActorPool.Benchmarks.Leases;
using ActorPool.Benchmarks.Scenarios;
using ActorPool.Cluster.Benchmarks;
using BenchmarkDotNet.Running;

const string Usage = """
    usage: dotnet run -c Release --project benchmarks/ActorPool.Benchmarks -- <suite> [options]
    suites:
      leases | all   the uncontended BenchmarkDotNet class, then the contended harness
      uncontended    UncontendedLeaseBenchmarks (BenchmarkDotNet) only
      contended      the contended lease harness only
      jobs           the job suite: NoOpThroughputBenchmarks and JobSizeBenchmarks (BenchmarkDotNet),
                     then the round-trip harness; writes the report with every goal
      roundtrip      the round-trip harness only; writes the report only with --out
      scenarios      B5-B9 (convergence, steady load, blocking, demand steps, antagonists), each case in a
                     child process; writes the report, a CSV and a PNG per scenario:
                     --out FILE (benchmarks/results/<today>-scenarios.md), --scale X (1: phase lengths), --only B5,B7
      failover       B10: SIGKILL of a cluster node, ActorPool.Cluster against plain Akka.Cluster.Sharding,
                     3 interleaved repetitions of three node processes each (about 5 minutes); writes the
                     report and a CSV: --out FILE (benchmarks/results/<today>-cluster-failover.md),
                     --repetitions N (3), --groups N (12)
      throughput     a quick interleaved throughput check (seconds), printed only:
                     --in-flight N (64), --iterations N (0: no-op), --rounds N (9), --jobs N (200000), --only NAME (Task.Run, the Channel pool and the contenders whose name has NAME)
    lease harness options:
      --leasers N    tasks contending for the pools (default 8)
      --rounds N     measured rounds per contender (default 7)
      --round-ms N   length of a round in ms, the warm-up round too (default 2000)
    job suite options:
      --out FILE     the report (default benchmarks/results/<today>-jobs.md); the raw
                     BenchmarkDotNet reports are copied beside it as FILE-stem.<class>.md
      --rounds N     round-trip rounds per contender (default 7)
      --samples N    jobs timed per round-trip round (default 10000)
      --before FILE  an earlier report of this suite: each goal shows its ratio there beside the new one
    """;

if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.WriteLine(Usage);
    return args.Length == 0 ? 2 : 0;
}

if (args[0] == "scenario-case" && args.Length >= 9)
{
    return await ScenarioSuite.RunCaseAsync(args[1], args[2], args[4], args[6], double.Parse(args[8], CultureInfo.InvariantCulture));
}

if (args[0] == "scenarios")
{
    ScenarioOptions scenarios;
    try
    {
        scenarios = ParseScenarioOptions(args.AsSpan(1));
    }
    catch (FormatException e)
    {
        Console.Error.WriteLine(e.Message);
        Console.Error.WriteLine(Usage);
        return 2;
    }
    return await ScenarioSuite.RunAsync(scenarios, $"dotnet run -c Release --project benchmarks/ActorPool.Benchmarks -- {string.Join(' ', args)}", Console.Out);
}

if (args[0] == "failover")
{
    FailoverOptions failover;
    try
    {
        failover = FailoverOptions.Parse(args.AsSpan(1));
    }
    catch (FormatException e)
    {
        Console.Error.WriteLine(e.Message);
        Console.Error.WriteLine(Usage);
        return 2;
    }
    return await FailoverSuite.RunAsync(failover, $"dotnet run -c Release --project benchmarks/ActorPool.Benchmarks -- {string.Join(' ', args)}", Console.Out);
}

if (args[0] == "throughput")
{
    try
    {
        await ThroughputHarness.RunAsync(ThroughputOptions.Parse(args.AsSpan(1)), Console.Out);
        return 0;
    }
    catch (FormatException e)
    {
        Console.Error.WriteLine(e.Message);
        Console.Error.WriteLine(Usage);
        return 2;
    }
}

if (args[0] is "jobs" or "roundtrip")
{
    JobsOptions jobs;
    try
    {
        jobs = ParseJobsOptions(args.AsSpan(1), benchmarkDotNet: args[0] == "jobs");
    }
    catch (FormatException e)
    {
        Console.Error.WriteLine(e.Message);
        Console.Error.WriteLine(Usage);
        return 2;
    }
    var commandLine = $"dotnet run -c Release --project benchmarks/ActorPool.Benchmarks -- {string.Join(' ', args)}";
    if (jobs.Output is null)
    {
        await JobsSuite.RunRoundTripOnlyAsync(jobs, Console.Out);
    }
    else
    {
        await JobsSuite.RunAsync(jobs, commandLine, Console.Out);
    }
    return 0;
}

ContendedLeaseOptions harness;
try
{
    harness = ParseHarnessOptions(args.AsSpan(1));
}
catch (FormatException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(Usage);
    return 2;
}

Console.WriteLine($"# ActorPool lease benchmarks, {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz}");
Console.WriteLine($"runtime: {Machine.Describe()}");
Console.WriteLine($"load average at start: {Machine.LoadAverage()}");
Console.WriteLine();

switch (args[0])
{
    case "leases" or "all":
        UncontendedLeaseBenchmarks.PrintGoal(BenchmarkRunner.Run<UncontendedLeaseBenchmarks>(), Console.Out);
        Console.WriteLine();
        await ContendedLeaseHarness.RunAsync(harness, Console.Out);
        break;
    case "uncontended":
        UncontendedLeaseBenchmarks.PrintGoal(BenchmarkRunner.Run<UncontendedLeaseBenchmarks>(), Console.Out);
        break;
    case "contended":
        await ContendedLeaseHarness.RunAsync(harness, Console.Out);
        break;
    default:
        Console.Error.WriteLine($"unknown suite '{args[0]}'");
        Console.Error.WriteLine(Usage);
        return 2;
}

Console.WriteLine();
Console.WriteLine($"load average at the end of the run: {Machine.LoadAverage()}");
return 0;

static ContendedLeaseOptions ParseHarnessOptions(ReadOnlySpan<string> options)
{
    var parsed = new ContendedLeaseOptions();
    for (var i = 0; i < options.Length; i += 2)
    {
        if (i + 1 >= options.Length || !int.TryParse(options[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value <= 0)
        {
            throw new FormatException($"option {options[i]} needs a positive whole number after it");
        }
        parsed = options[i] switch
        {
            "--leasers" => parsed with { Leasers = value },
            "--rounds" => parsed with { Rounds = value },
            "--round-ms" => parsed with { RoundLength = TimeSpan.FromMilliseconds(value), WarmupLength = TimeSpan.FromMilliseconds(value) },
            _ => throw new FormatException($"unknown option {options[i]}"),
        };
    }
    return parsed;
}

static JobsOptions ParseJobsOptions(ReadOnlySpan<string> options, bool benchmarkDotNet)
{
    var parsed = new JobsOptions { BenchmarkDotNet = benchmarkDotNet, Output = benchmarkDotNet ? JobsOptions.DefaultOutput : null };
    for (var i = 0; i < options.Length; i += 2)
    {
        if (i + 1 >= options.Length)
        {
            throw new FormatException($"option {options[i]} needs a value after it");
        }
        if (options[i] == "--out")
        {
            parsed = parsed with { Output = options[i + 1] };
            continue;
        }
        if (options[i] == "--before")
        {
            if (!File.Exists(options[i + 1]))
            {
                throw new FormatException($"--before {options[i + 1]}: no such file");
            }
            parsed = parsed with { Before = options[i + 1] };
            continue;
        }
        if (!int.TryParse(options[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value <= 0)
        {
            throw new FormatException($"option {options[i]} needs a positive whole number after it");
        }
        parsed = options[i] switch
        {
            "--rounds" => parsed with { RoundTrip = parsed.RoundTrip with { Rounds = value } },
            "--samples" => parsed with { RoundTrip = parsed.RoundTrip with { Samples = value } },
            _ => throw new FormatException($"unknown option {options[i]}"),
        };
    }
    return parsed;
}

static ScenarioOptions ParseScenarioOptions(ReadOnlySpan<string> options)
{
    var parsed = new ScenarioOptions();
    for (var i = 0; i < options.Length; i += 2)
    {
        if (i + 1 >= options.Length)
        {
            throw new FormatException($"option {options[i]} needs a value after it");
        }
        var value = options[i + 1];
        parsed = options[i] switch
        {
            "--out" => parsed with { Output = value },
            "--scale" when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var scale) && scale > 0 => parsed with { Scale = scale },
            "--only" => parsed with { Only = value.Split(',') },
            _ => throw new FormatException($"bad option {options[i]} {value}"),
        };
    }
    return parsed;
}
