using ActorPool.Top.Metrics;
using ActorPool.Top.View;
using Spectre.Console;

namespace ActorPool.Top;

/// <summary>
/// <c>actorpool-top</c>: attaches to a .NET process over EventPipe, reads its <c>ActorPool</c>
/// meter and shows it, live (refreshing every interval until q or Ctrl-C) or once.
/// </summary>
/// <remarks>Exit status: 0; 1 when the process cannot be read or shows no ActorPool meter in
/// time; 2 for a wrong command line, or the live view without an ANSI terminal.</remarks>
internal static class TopCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, IAnsiConsole console, TextWriter error, CancellationToken cancellationToken)
    {
        TopOptions? options;
        try
        {
            options = TopOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            await error.WriteLineAsync($"actorpool-top: {Message(e)}\n{TopOptions.Usage}");
            return 2;
        }
        if (options is null)
        {
            console.WriteLine(TopOptions.Usage);
            return 0;
        }
        if (!options.Once && !CanShowLive(console.Profile.Capabilities))
        {
            await error.WriteLineAsync("actorpool-top: the live view needs an ANSI terminal; use --once");
            return 2;
        }
        try
        {
            using var session = MetricsSession.Start(options.Pid, options.Interval);
            return options.Once
                ? await OnceAsync(session, options, console, error, cancellationToken)
                : await LiveAsync(session, options, console, error, cancellationToken);
        }
        catch (TopException e)
        {
            await error.WriteLineAsync($"actorpool-top: {e.Message}");
            return 1;
        }
    }

    private static async Task<int> OnceAsync(MetricsSession session, TopOptions options, IAnsiConsole console, TextWriter error, CancellationToken cancellationToken)
    {
        var frame = await session.FirstFrameAsync(options.Timeout, cancellationToken);
        if (frame is null)
        {
            await error.WriteLineAsync(
                $"actorpool-top: no ActorPool meter showed up in pid {options.Pid} within {options.Timeout.TotalSeconds:0.#} s " +
                "(does it run a pool supervisor? is another metrics tool attached?)");
            return 1;
        }
        var lines = TopRenderer.Render(frame, $"pid {options.Pid}", null, console.Profile.Width, console.Profile.Height);
        console.Write(TopView.ToRenderable(lines));
        return 0;
    }

    private static Task<int> LiveAsync(MetricsSession session, TopOptions options, IAnsiConsole console, TextWriter error, CancellationToken cancellationToken)
    {
        using var quit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ConsoleCancelEventHandler onCtrlC = (_, e) =>
        {
            // Quit like q does, so the screen and the session are restored rather than torn down.
            e.Cancel = true;
            quit.Cancel();
        };
        Console.CancelKeyPress += onCtrlC;
        try
        {
            var target = $"pid {options.Pid}";
            var started = TimeProvider.System.GetTimestamp();
            string? failure = null;
            console.AlternateScreen(() => console.Live(Frame(session, target, null, console)).Start(ctx =>
            {
                while (!quit.IsCancellationRequested && failure is null)
                {
                    failure = session.Failure;
                    var waiting = session.Latest is null && TimeProvider.System.GetElapsedTime(started) > options.Timeout
                        ? $"no ActorPool meter in {target} after {options.Timeout.TotalSeconds:0.#} s; still waiting"
                        : null;
                    ctx.UpdateTarget(Frame(session, target, waiting, console));
                    ctx.Refresh();
                    Keys.WaitForQuit(options.Interval, quit);
                }
            }));
            if (failure is not null)
            {
                error.WriteLine($"actorpool-top: {failure}");
                return Task.FromResult(1);
            }
            return Task.FromResult(0);
        }
        finally
        {
            Console.CancelKeyPress -= onCtrlC;
        }
    }

    /// <summary>The live view draws on the alternate screen, which Spectre refuses without ANSI
    /// (output redirected, TERM=dumb) by throwing.</summary>
    internal static bool CanShowLive(IReadOnlyCapabilities capabilities) => capabilities.Ansi && capabilities.AlternateBuffer;

    /// <summary>One row short of the screen: a full last row would scroll the title away.</summary>
    private static Spectre.Console.Rendering.IRenderable Frame(MetricsSession session, string target, string? status, IAnsiConsole console) =>
        TopView.ToRenderable(TopRenderer.Render(session.Latest, target, status ?? session.Failure, console.Profile.Width, console.Profile.Height - 1));

    /// <summary>An ArgumentException's message without the " (Parameter 'args')" suffix.</summary>
    private static string Message(ArgumentException e) =>
        e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal);
}

/// <summary>The keyboard while the live view runs.</summary>
internal static class Keys
{
    private static readonly TimeSpan s_poll = TimeSpan.FromMilliseconds(50);

    /// <summary>Waits up to <paramref name="interval"/>, cancelling <paramref name="quit"/> on q.</summary>
    public static void WaitForQuit(TimeSpan interval, CancellationTokenSource quit)
    {
        var until = TimeProvider.System.GetTimestamp() + (long)(interval.TotalSeconds * TimeProvider.System.TimestampFrequency);
        while (!quit.IsCancellationRequested && TimeProvider.System.GetTimestamp() < until)
        {
            if (!Console.IsInputRedirected && Console.KeyAvailable)
            {
                var key = Console.ReadKey(intercept: true);
                if (key.KeyChar is 'q' or 'Q' || key.Key == ConsoleKey.Escape)
                {
                    quit.Cancel();
                }
                continue;
            }
            // Polling: Console has no wait-for-key with a timeout.
            quit.Token.WaitHandle.WaitOne(s_poll);
        }
    }
}
