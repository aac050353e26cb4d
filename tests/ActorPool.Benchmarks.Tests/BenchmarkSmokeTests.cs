using System.Reflection;
using ActorPool.Benchmarks.Jobs;
using BenchmarkDotNet.Attributes;

namespace ActorPool.Benchmarks.Tests;

/// <summary>
/// CI's smoke pass over the job suite: no BenchmarkDotNet launcher, no timing. For every benchmark
/// method and every value of its parameters, the method's own <c>[GlobalSetup]</c>, three calls of
/// the method with a few jobs each, and the <c>[GlobalCleanup]</c>, each called directly; every call
/// must return the number of jobs it ran.
/// </summary>
public sealed class BenchmarkSmokeTests
{
    private const int Jobs = 200;
    private const int Invocations = 3;
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(30);

    public static TheoryData<string, string> Benchmarks()
    {
        var data = new TheoryData<string, string>();
        foreach (var type in new[] { typeof(NoOpThroughputBenchmarks), typeof(JobSizeBenchmarks) })
        {
            foreach (var method in type.GetMethods().Where(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null))
            {
                data.Add(type.Name, method.Name);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Benchmarks))]
    public async Task Benchmark_body_runs_its_jobs_for_every_parameter(string typeName, string methodName)
    {
        var type = typeof(NoOpThroughputBenchmarks).Assembly.GetType($"ActorPool.Benchmarks.Jobs.{typeName}", throwOnError: true)!;
        var method = type.GetMethod(methodName)!;
        var setups = type.GetMethods().Where(m => m.GetCustomAttribute<GlobalSetupAttribute>() is { } a && a.Match(method)).ToList();
        var cleanups = type.GetMethods().Where(m => m.GetCustomAttribute<GlobalCleanupAttribute>() is { } a && a.Match(method)).ToList();
        var parameter = type.GetProperties().Single(p => p.GetCustomAttribute<ParamsAttribute>() is not null);
        var values = parameter.GetCustomAttribute<ParamsAttribute>()!.Values;
        Assert.Single(setups);
        Assert.NotEmpty(values);

        foreach (var value in values)
        {
            var benchmarks = Activator.CreateInstance(type)!;
            parameter.SetValue(benchmarks, value);
            type.GetProperty("Total")!.SetValue(benchmarks, Jobs);
            await InvokeAsync(setups[0], benchmarks);
            try
            {
                for (var invocation = 1; invocation <= Invocations; invocation++)
                {
                    var count = await ((Task<int>)method.Invoke(benchmarks, null)!).WaitAsync(s_wait);
                    Assert.True(count == Jobs, $"{methodName} with {parameter.Name} = {value}, invocation {invocation}: {count} jobs, expected {Jobs}");
                }
            }
            finally
            {
                foreach (var cleanup in cleanups)
                {
                    await InvokeAsync(cleanup, benchmarks);
                }
            }
        }
    }

    [Fact]
    public async Task Round_trip_harness_times_every_contender()
    {
        var summaries = await RoundTripHarness.RunAsync(new RoundTripOptions { Rounds = 2, Samples = 50 }, TextWriter.Null).WaitAsync(s_wait);

        Assert.Equal(6, summaries.DistinctBy(s => s.Name).Count());
        Assert.All(summaries, s => Assert.Equal(100, s.Samples));
        Assert.All(summaries, s => Assert.True(s.P50Us > 0 && s.P99Us >= s.P50Us, $"{s.Name}: p50 {s.P50Us} µs, p99 {s.P99Us} µs"));
    }

    [Fact]
    public void Spin_returns_one_and_calibrates_to_a_positive_rate()
    {
        var calibration = Spin.Measure(runs: 3, iterations: 10_000);

        Assert.Equal(1, Spin.Run(1_000));
        Assert.True(calibration.IterationsPerMicrosecond > 0);
        Assert.True(Spin.IterationsFor(10) > 0);
    }

    private static async Task InvokeAsync(MethodInfo method, object target)
    {
        if (method.Invoke(target, null) is Task task)
        {
            await task.WaitAsync(s_wait);
        }
    }
}
