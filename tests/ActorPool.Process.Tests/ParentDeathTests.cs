namespace ActorPool.Process.Tests;

public sealed class ParentDeathTests
{
    [Fact]
    public async Task No_child_outlives_a_parent_killed_with_SIGKILL()
    {
        using var parent = TestApp.Start(TestApp.Dotnet, "exec", Path.Combine(TestApp.Folder, TestApp.Name + ".dll"), "orphan");
        var line = await parent.StandardOutput.ReadLineAsync().WaitAsync(WorkerFixture.Patience);
        Assert.NotNull(line);
        Assert.StartsWith("child ", line);
        var child = int.Parse(line["child ".Length..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.False(Await.IsGone(child));

        parent.Kill(); // SIGKILL: no handler, no finally, nothing of the parent runs
        await parent.WaitForExitAsync();

        await Await.UntilAsync(() => Await.IsGone(child), $"child {child} has exited");
    }
}
