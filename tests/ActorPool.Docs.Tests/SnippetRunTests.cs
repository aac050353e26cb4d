using ActorPool.Docs.Tests.Snippets;

namespace ActorPool.Docs.Tests;

/// <summary>The README's quick start does what its comments say, not only compiles.</summary>
public sealed class SnippetRunTests
{
    [Fact]
    public async Task The_quick_start_runs_a_job_and_a_leased_job()
    {
        var (answer, leased) = await QuickStart.RunAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal("hello", answer);
        Assert.Equal("only this lease's work runs on its pool", leased);
    }
}
