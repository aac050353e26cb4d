using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using Perfolizer.Horology;

namespace ActorPool.Benchmarks.Jobs;

/// <summary>
/// The job suite's BenchmarkDotNet job: one launch, 3 warm-up and 7 measured iterations of about
/// 250 ms (an invocation of a slow contender can be longer; it is then one invocation per
/// iteration). The case processes get the host's spin calibration through
/// <see cref="Spin.EnvironmentVariable"/>, so a 10 µs job is the same number of iterations in every one.
/// </summary>
public sealed class JobsConfig : ManualConfig
{
    public JobsConfig() =>
        AddJob(Job.Default
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(7)
            .WithIterationTime(TimeInterval.FromMilliseconds(250))
            .WithEnvironmentVariables(new EnvironmentVariable(Spin.EnvironmentVariable, Spin.Calibration.ForEnvironment))
            .WithId("Jobs"));
}
