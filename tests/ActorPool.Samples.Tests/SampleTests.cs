using System.Text.RegularExpressions;

namespace ActorPool.Samples.Tests;

/// <summary>The samples print what their seeds print.</summary>
public sealed class SampleTests
{
    [Fact]
    public async Task AdaptiveSizing_PrintsTheSeedsStory()
    {
        var text = await SampleOutput.OfAsync("AdaptiveSizing");
        Assert.Contains("Initial desired: 1\nInitial total: 1\n", text, StringComparison.Ordinal);
        Assert.Contains("After adding 31 devices:\n desired: 4\n total: 4\n", text, StringComparison.Ordinal);
        Assert.Contains("After removing all devices:\n desired: 1\n total: 1\n", text, StringComparison.Ordinal);
        Assert.Matches(" a job ran on: pools-pool-\\d-worker-\\d", text);
    }

    [Theory]
    [InlineData("png")]
    [InlineData("svg")]
    public async Task AdaptiveSizing_Timeline_WritesAPlotOfTheLiveWorkload(string format)
    {
        var file = Path.Combine(Path.GetTempPath(), $"actorpool-timeline-{Guid.NewGuid():N}.{format}");
        try
        {
            var text = await SampleOutput.OfAsync("AdaptiveSizing", "--timeline", file, "--seconds", "4");
            Assert.Matches($@"Wrote .*\.{format}: \d+ samples of pools desired and total", text);
            var bytes = await File.ReadAllBytesAsync(file);
            // A chart with three panels, axes and legends is tens of kilobytes; an empty image is a few.
            Assert.True(bytes.Length > 10_000, $"{file} has only {bytes.Length} bytes");
            if (format == "png")
            {
                Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], bytes[..8]);
            }
            else
            {
                var svg = System.Xml.Linq.XDocument.Parse(System.Text.Encoding.UTF8.GetString(bytes));
                Assert.Equal("svg", svg.Root!.Name.LocalName);
                Assert.Contains("desired pools", svg.ToString(), StringComparison.Ordinal);
            }
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task DeviceSessions_ShowsReleaseExpiryAndCrash()
    {
        var text = await SampleOutput.OfAsync("DeviceSessions");
        Assert.Contains("[tidy-sensor] released lease-", text, StringComparison.Ordinal);
        Assert.Matches(new Regex(@"\(pools\) lease-\d on pool-\d: HolderStopped"), text);
        Assert.Contains("[forgetful-meter] was warned:", text, StringComparison.Ordinal);
        Assert.Contains("a late submit fails with LeaseExpiredException", text, StringComparison.Ordinal);
        Assert.Matches(new Regex(@"\(pools\) lease-\d on pool-\d: Revoked"), text);
        Assert.Contains("Finally: 1 pool(s), 0 leased, 1 idle; active leases: []", text, StringComparison.Ordinal);
        // Deliberate failures are warnings, not errors with stack traces.
        Assert.DoesNotContain("[ERROR]", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CrawlerRun_CrawlsEveryPage_AsTheLoadPolicyGrowsTheConcurrency()
    {
        var text = await SampleOutput.OfAsync("CrawlerRun");
        Assert.Contains("Crawled 1000 pages in", text, StringComparison.Ordinal);
        Assert.Contains(", 0 failed)", text, StringComparison.Ordinal);
        Assert.Matches(new Regex(@"concurrency 2 -> \d+ workers \(load: not overloaded"), text);
    }

    [Fact]
    public async Task CapabilityScaling_StartsGpuPoolsUnderLoad_AndEndsWithOnePlainPool()
    {
        var text = await SampleOutput.OfAsync("CapabilityScaling");
        Assert.Contains("At start: 1 plain pool(s)", text, StringComparison.Ordinal);
        Assert.Matches(new Regex(@"Under load: 1 plain, \d \[gpu\] pool\(s\)"), text);
        Assert.Matches(new Regex(@"24 gpu jobs ran on: pool-\d"), text);
        Assert.Contains("When idle: 1 plain pool(s)", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TaskDrivenWorkers_RunsEachTaskOnItsOwnWorker_AndReapsThemAll()
    {
        var text = await SampleOutput.OfAsync("TaskDrivenWorkers");
        var finished = Regex.Matches(text, @"worker (workers-pool-1-worker-\d+) finished job_4\d\d");
        Assert.Equal(12, finished.Count);
        Assert.Equal(12, finished.Select(m => m.Groups[1].Value).Distinct().Count());
        Assert.Contains("12 tasks ran on 12 workers, one each; workers alive now: 0", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LokyExamples_TellsReuseResizeKillInitializerEnvAndCrash_OnChildProcesses()
    {
        var text = await SampleOutput.OfAsync("LokyExamples");

        var reuse = Regex.Matches(text, @"reuse: .*(reusable-loky-\d+).*children (\[\d+, \d+\])");
        Assert.Equal(2, reuse.Count);
        Assert.Equal(reuse[0].Groups[1].Value, reuse[1].Groups[1].Value);
        Assert.Equal(reuse[0].Groups[2].Value, reuse[1].Groups[2].Value);
        Assert.Contains("same options, same executor: True", text, StringComparison.Ordinal);
        Assert.DoesNotContain($"{Environment.ProcessId},", reuse[0].Groups[2].Value, StringComparison.Ordinal);
        Assert.Matches(@"initializer and env: initialized in child \d+; LOKY_GREETING=hello from env", text);
        Assert.Matches(@"resize: MaxWorkers 2 -> 4, same executor: True, live workers 4, children \[\d+, \d+, \d+, \d+\], kept 2", text);
        Assert.Matches(@"kill_workers: same executor: True, children \[\d+, \d+, \d+, \d+\], old ones left 0", text);
        Assert.Contains("crash: WorkerCrashedException, exit code 42", text, StringComparison.Ordinal);
        Assert.Matches(@"crash: next jobs ran on children \[\d+, \d+, \d+, \d+\], new 1, kept 3", text);
    }
}
