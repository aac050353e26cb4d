using System.Text.RegularExpressions;

namespace ActorPool.Process.Tests;

/// <summary>
/// The child host is found beside ActorPool.Process.dll however the parent was started: this test
/// process is `dotnet test`'s testhost, and the test app runs as `dotnet app.dll`, through its
/// apphost (as a published framework-dependent app runs), and through `dotnet run`.
/// </summary>
public sealed partial class LaunchTests
{
    [Fact]
    public async Task A_parent_started_as_dotnet_app_dll_runs_a_job_in_a_child()
    {
        var output = await TestApp.RunAsync(TestApp.Dotnet, "exec", Path.Combine(TestApp.Folder, TestApp.Name + ".dll"), "echo", "via-dotnet");

        Assert.Matches(Reply(), output);
        Assert.StartsWith("via-dotnet from ", output);
    }

    [Fact]
    public async Task A_parent_started_through_its_apphost_runs_a_job_in_a_child()
    {
        var apphost = Path.Combine(TestApp.Folder, OperatingSystem.IsWindows() ? TestApp.Name + ".exe" : TestApp.Name);

        var output = await TestApp.RunAsync(apphost, "echo", "via-apphost");

        Assert.StartsWith("via-apphost from ", output);
    }

    [Fact]
    public async Task A_parent_started_with_dotnet_run_runs_a_job_in_a_child()
    {
        var project = Path.Combine(TestApp.RepositoryRoot, "tests", TestApp.Name);

        // --no-build: the test build built it; a build here would race other builds on the machine.
        var output = await TestApp.RunAsync(
            TestApp.Dotnet, "run", "--no-build", "-c", TestApp.Configuration, "--project", project, "--", "echo", "via-run");

        var last = output.Split('\n').Last().Trim();
        Assert.StartsWith("via-run from ", last);
        Assert.Matches(Reply(), last);
    }

    [GeneratedRegex(@"from \d+$")]
    private static partial Regex Reply();
}
