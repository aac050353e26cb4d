using System.Diagnostics;
using System.Diagnostics.Metrics;
using Spectre.Console.Testing;

namespace ActorPool.Top.Tests;

/// <summary>The command against real processes: errors, and a real EventPipe session on a meter with the contract's names.</summary>
public sealed class TopCommandTests
{
    private static async Task<(int Code, string Out, string Error)> RunAsync(params string[] args)
    {
        var console = new TestConsole().Width(80).Height(24);
        var error = new StringWriter();
        var code = await TopCommand.RunAsync(args, console, error, CancellationToken.None);
        return (code, console.Output, error.ToString());
    }

    [Theory]
    [InlineData(new string[0], "the pid of the process to attach to is missing")]
    [InlineData(new[] { "abc" }, "the pid must be a whole number > 0, was: [abc]")]
    [InlineData(new[] { "12", "--timeout", "0" }, "--timeout takes seconds in [1, 3600], was: [0]")]
    [InlineData(new[] { "12", "--frobnicate" }, "unknown option [--frobnicate]")]
    public async Task AWrongCommandLine_Exits2_NamingWhatWasWrong(string[] args, string message)
    {
        var (code, _, error) = await RunAsync(args);
        Assert.Equal(2, code);
        Assert.Contains($"actorpool-top: {message}\n", error.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "12", "--timeout", "4", "--interval", "2" }, "--timeout must be more than 2 x --interval (two refreshes), was: --timeout [4] --interval [2]")]
    [InlineData(new[] { "12", "--interval", "30", "--timeout", "60" }, "--timeout must be more than 2 x --interval (two refreshes), was: --timeout [60] --interval [30]")]
    public async Task ATimeoutOfTwoIntervalsOrLess_Exits2_NamingBoth(string[] args, string message)
    {
        var (code, _, error) = await RunAsync(args);
        Assert.Equal(2, code);
        Assert.Contains($"actorpool-top: {message}\n", error.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheLiveView_WithoutAnAnsiTerminal_Exits2_PointingAtOnce()
    {
        // Output redirected or TERM=dumb: Spectre cannot switch to the alternate screen.
        var console = new TestConsole().Width(80).Height(24);
        console.Profile.Capabilities.Ansi = false;
        var error = new StringWriter();

        var code = await TopCommand.RunAsync([Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)], console, error, CancellationToken.None);

        Assert.Equal(2, code);
        Assert.Equal("actorpool-top: the live view needs an ANSI terminal; use --once\n", error.ToString().ReplaceLineEndings("\n"));
        Assert.True(TopCommand.CanShowLive(new TestCapabilities { Ansi = true, AlternateBuffer = true }));
        Assert.False(TopCommand.CanShowLive(new TestCapabilities { Ansi = true, AlternateBuffer = false }));
    }

    [Fact]
    public async Task APidWithoutAProcess_Exits1()
    {
        // Pids wrap far above this on Linux only after a very long uptime; pid_max is at most 2^22.
        var (code, _, error) = await RunAsync("4194303", "--once");
        Assert.Equal(1, code);
        Assert.Contains("no process with pid 4194303 is running", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AProcessThatIsNotDotNet_Exits1()
    {
        using var sleeper = Process.Start(new ProcessStartInfo("sleep", "60") { UseShellExecute = false })!;
        try
        {
            var (code, _, error) = await RunAsync(sleeper.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--once");
            Assert.Equal(1, code);
            Assert.Contains($"pid {sleeper.Id} is not a .NET process that accepts diagnostics", error, StringComparison.Ordinal);
        }
        finally
        {
            sleeper.Kill();
        }
    }

    [Fact]
    public async Task Once_OnAProcessWithTheMeter_PrintsOneFrameOfItsSupervisor()
    {
        // This test process publishes a meter with the contract's names; the tool attaches to it
        // over EventPipe, as it would to any other process.
        using var meter = new Meter("ActorPool");
        static KeyValuePair<string, object?>[] Tags(string? state = null) => state is null
            ? [new("actorpool.supervisor", "/user/from-test"), new("actorpool.system", "top-tests")]
            : [new("actorpool.supervisor", "/user/from-test"), new("actorpool.system", "top-tests"), new("actorpool.pool.state", state)];
        meter.CreateObservableUpDownCounter("actorpool.pool.count", () => new[]
        {
            new Measurement<int>(2, Tags("idle")),
            new Measurement<int>(1, Tags("busy")),
        }, "{pool}");
        meter.CreateObservableUpDownCounter("actorpool.pool.desired", () => new Measurement<int>(3, Tags()), "{pool}");
        meter.CreateObservableUpDownCounter("actorpool.units", () => new Measurement<int>(27, Tags()), "{unit}");
        meter.CreateObservableGauge("actorpool.load.cpu", () => new Measurement<double>(0.25, Tags()), "1");

        var (code, output, error) = await RunAsync(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), "--once", "--timeout", "60");

        Assert.True(code == 0, $"exit {code}: {error}");
        var lines = output.ReplaceLineEndings("\n").Split('\n');
        Assert.Contains(lines, l => l.StartsWith($"actorpool-top  pid {Environment.ProcessId}  ", StringComparison.Ordinal));
        Assert.Contains("/user/from-test      3   3    2    1    0     0     0     -    -    27   -   -", lines);
        Assert.Contains("load  cpu 25%  mem -  lag -  unknown", lines);
    }
}
