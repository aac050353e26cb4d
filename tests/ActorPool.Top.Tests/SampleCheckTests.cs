using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Spectre.Console.Testing;

namespace ActorPool.Top.Tests;

/// <summary>The CI check: <c>actorpool-top --once</c> against samples/AdaptiveSizing running live in a child process.</summary>
public sealed class SampleCheckTests
{
    [Fact]
    public async Task Once_AgainstTheLiveAdaptiveSizingSample_ShowsItsSupervisorAndPools()
    {
        // The sample is a project reference: its build output sits beside this assembly.
        var sample = Path.Combine(AppContext.BaseDirectory, "AdaptiveSizing.dll");
        Assert.True(File.Exists(sample), $"{sample} is missing: build tests/ActorPool.Top.Tests");
        var start = new ProcessStartInfo("dotnet", ["exec", sample, "--live", "120"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var child = Process.Start(start)!;
        var output = new StringWriter();
        try
        {
            // The sample's first line is its pid; generous for a loaded machine's JIT.
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var first = await child.StandardOutput.ReadLineAsync(deadline.Token);
            output.WriteLine(first);
            var pid = Regex.Match(first ?? "", @"^pid (\d+)$");
            Assert.True(pid.Success, $"the sample's first line is not its pid: [{first}]");
            Assert.Equal(child.Id, int.Parse(pid.Groups[1].Value, CultureInfo.InvariantCulture));

            var console = new TestConsole().Width(80).Height(24);
            var error = new StringWriter();
            var code = await TopCommand.RunAsync([pid.Groups[1].Value, "--once", "--timeout", "60"], console, error, CancellationToken.None);

            Assert.True(code == 0, $"exit {code}: {error}");
            var lines = console.Lines.ToList();
            Assert.All(lines, l => Assert.True(l.Length <= 80, $"too wide: {l}"));
            Assert.True(lines.Count <= 24, $"{lines.Count} lines");
            Assert.StartsWith($"actorpool-top  pid {child.Id}  ", lines[0], StringComparison.Ordinal);
            // The table row: desired and total within the sample's bounds 1..5, min 1, max 5.
            var row = Assert.Single(lines, l => l.StartsWith("/user/pools ", StringComparison.Ordinal));
            var cells = row.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.InRange(int.Parse(cells[1], CultureInfo.InvariantCulture), 1, 5);
            Assert.InRange(int.Parse(cells[2], CultureInfo.InvariantCulture), 1, 5);
            Assert.Equal(["1", "5"], cells[^2..]);
        }
        finally
        {
            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync();
        }
    }
}
