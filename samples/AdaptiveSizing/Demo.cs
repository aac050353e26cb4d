using System.Globalization;
using Akka.Actor;

namespace ActorPool.Samples.AdaptiveSizing;

/// <summary>
/// The sample's other modes: <c>--live [seconds]</c> runs <see cref="Workload"/> until the time is
/// up or Ctrl-C (for <c>actorpool-top</c> and <c>dotnet-counters</c>); <c>--timeline file.png|.svg
/// [--seconds n]</c> runs it for a short fixed time and plots what the supervisor did.
/// </summary>
internal static class Demo
{
    /// <summary>The timeline's default length: one whole wave of devices.</summary>
    private static readonly TimeSpan s_timelineLength = TimeSpan.FromSeconds(20);

    /// <summary>The mode <paramref name="args"/> ask for, or null for the default story; invalid
    /// arguments give a mode that names what was wrong and exits with status 2.</summary>
    public static Func<Task>? From(string[] args)
    {
        try
        {
            return Parse(args);
        }
        catch (ArgumentException e)
        {
            return () =>
            {
                Console.Error.WriteLine($"AdaptiveSizing: {e.Message}");
                Environment.ExitCode = 2;
                return Task.CompletedTask;
            };
        }
    }

    /// <summary>The mode <paramref name="args"/> ask for, or null for the default story.</summary>
    /// <exception cref="ArgumentException">An argument is unknown or its value is invalid.</exception>
    public static Func<Task>? Parse(string[] args)
    {
        if (args.Length == 0)
        {
            return null;
        }
        switch (args[0])
        {
            case "--live":
                TimeSpan? until = args.Length > 1 ? Seconds("--live", args[1]) : null;
                Expect(args, until is null ? 1 : 2);
                return () => LiveAsync(until);
            case "--timeline":
                if (args.Length < 2)
                {
                    throw new ArgumentException("--timeline needs a file name ending in .png or .svg", nameof(args));
                }
                var file = args[1];
                var extension = Path.GetExtension(file).ToUpperInvariant();
                if (extension is not (".PNG" or ".SVG"))
                {
                    throw new ArgumentException($"--timeline must name a .png or .svg file, was: [{file}]", nameof(args));
                }
                var length = s_timelineLength;
                if (args.Length > 2)
                {
                    if (args[2] != "--seconds" || args.Length < 4)
                    {
                        throw new ArgumentException($"after --timeline {file} only --seconds <n> may follow, was: [{string.Join(' ', args[2..])}]", nameof(args));
                    }
                    length = Seconds("--seconds", args[3]);
                    Expect(args, 4);
                }
                return () => TimelineAsync(file, length);
            default:
                throw new ArgumentException(
                    $"unknown argument [{args[0]}]; use no arguments, --live [seconds], or --timeline <file.png|file.svg> [--seconds n]", nameof(args));
        }
    }

    private static TimeSpan Seconds(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : throw new ArgumentException($"{name} takes a whole number of seconds > 0, was: [{value}]", nameof(value));

    private static void Expect(string[] args, int count)
    {
        if (args.Length > count)
        {
            throw new ArgumentException($"unexpected argument [{args[count]}]", nameof(args));
        }
    }

    private static async Task LiveAsync(TimeSpan? until)
    {
        // The first line, so a script (or actorpool-top's CI test) can attach to this process.
        Console.WriteLine($"pid {Environment.ProcessId}");
        Console.WriteLine(until is { } u
            ? $"Running the live workload for {u.TotalSeconds:0} s; Ctrl-C stops it sooner."
            : "Running the live workload until Ctrl-C.");
        using var stop = until is { } t ? new CancellationTokenSource(t) : new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            await using var workload = Workload.Start(TimeSpan.FromSeconds(40));
            var run = workload.RunAsync(stop.Token);
            await ReportAsync(workload, stop.Token);
            await run;
            Console.WriteLine($"Stopped after {workload.Submitted} jobs.");
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>One line every two seconds, so the run can be followed without a tool.</summary>
    private static async Task ReportAsync(Workload workload, CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(2));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var s = workload.Client.Status ?? await workload.Client.GetStatusAsync(cancellationToken);
                Console.WriteLine(
                    $"{TimeProvider.System.GetElapsedTime(started).TotalSeconds,4:0}s devices={workload.Devices} desired={s.Desired} " +
                    $"total={s.Total} busy={s.Busy} queued={s.Queued} running={s.RunningJobs}");
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The time is up.
        }
    }

    private static async Task TimelineAsync(string file, TimeSpan length)
    {
        Console.WriteLine($"Recording {length.TotalSeconds:0} s of the live workload for {file} ...");
        using var stop = new CancellationTokenSource(length);
        await using var workload = Workload.Start(length);
        var recorder = new TimelineRecorder(workload.Client);
        var run = workload.RunAsync(stop.Token);
        await recorder.RecordAsync(stop.Token);
        await run;
        TimelineChart.Write(recorder.Samples, workload.Supervisor.Path.ToStringWithoutAddress(), file);
        Console.WriteLine($"Wrote {file}: {recorder.Samples.Count} samples of pools desired and total, queued jobs, CPU and memory.");
    }
}
