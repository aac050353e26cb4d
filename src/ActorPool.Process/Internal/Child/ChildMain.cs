using System.Text.Json;
using ActorPool.Internal.Process.Wire;

namespace ActorPool.Internal.Process.Child;

/// <summary>
/// The child's loop, run by ActorPool.Process.Host: read the start frame, load the allow-list and
/// run the initializer, say ready, then run one job at a time until told to stop or the link
/// closes. It touches no Akka type, so a child never loads Akka.
/// </summary>
internal static class ChildMain
{
    /// <summary>The entry point the host calls by reflection.</summary>
    public static int Run(string[] args)
    {
        _ = args;
        var input = Console.OpenStandardInput();
        var writer = new FrameWriter(Console.OpenStandardOutput());
        // stdout carries frames: a job's Console.Out lines travel as Output frames instead, and a
        // job reading Console.In must not steal the link's bytes.
        Console.SetOut(new OutputLineWriter(writer));
        Console.SetIn(TextReader.Null);
        try
        {
            return new ChildLoop(input, writer).Run();
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException or JsonException or IOException)
        {
            Console.Error.WriteLine($"ActorPool.Process child {Environment.ProcessId}: the link broke: {e.Message}");
            return ChildExitCodes.LinkBroken;
        }
    }
}

/// <summary>
/// The child's state between frames: the catalogue and the one running job. The main thread reads
/// the link; one job thread, started once, runs the jobs, so a job that blocks never holds up a
/// Cancel frame, and no thread is started per job.
/// </summary>
internal sealed class ChildLoop(Stream input, FrameWriter writer)
{
    private readonly Lock _gate = new();
    private readonly object _handOff = new();
    private (RunJob Run, CancellationTokenSource Cancel)? _next;
    private JobCatalog? _catalog;
    private (long Id, CancellationTokenSource Cancel)? _running;

    public int Run()
    {
        if (Framing.Read(input) is not { Kind: FrameKind.Start } first)
        {
            Console.Error.WriteLine("ActorPool.Process child: the first frame was not a start frame.");
            return ChildExitCodes.StartFailed;
        }

        var start = first.Read(WireJson.Default.StartChild);
        try
        {
            _catalog = new JobCatalog(start);
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"ActorPool.Process child {start.WorkerName}: start failed: {e}");
            writer.Write(Framing.Encode(FrameKind.StartFailed, new StartFailed(e.ToString()), WireJson.Default.StartFailed));
            return ChildExitCodes.StartFailed;
        }

        ParentWatch.Start(start.ParentPid, start.ParentStartTicks, TimeSpan.FromMilliseconds(start.ParentPollMillis));
        new Thread(RunJobs) { IsBackground = true, Name = "actorpool-job" }.Start();
        writer.Write(Framing.Encode(
            FrameKind.Ready, new ChildReady(Environment.ProcessId, Environment.WorkingSet), WireJson.Default.ChildReady));

        while (Framing.Read(input) is { } frame)
        {
            switch (frame.Kind)
            {
                case FrameKind.Run:
                    Start(frame.Read(WireJson.Default.RunJob));
                    break;
                case FrameKind.Cancel:
                    Cancel(frame.Read(WireJson.Default.CancelJob).JobId);
                    break;
                case FrameKind.Stop:
                    return ChildExitCodes.Normal;
                default:
                    throw new InvalidDataException($"A child does not take {frame.Kind} frames.");
            }
        }

        // End of stream: the parent closed the link or died. A running job dies with the process.
        return ChildExitCodes.Normal;
    }

    private void Start(RunJob run)
    {
        var cancel = new CancellationTokenSource();
        lock (_gate)
        {
            if (_running is not null)
            {
                Send(Failed(run.JobId, new InvalidOperationException("A child runs one job at a time, and one is running.")));
                return;
            }

            _running = (run.JobId, cancel);
        }

        lock (_handOff)
        {
            _next = (run, cancel);
            Monitor.Pulse(_handOff);
        }
    }

    private void Cancel(long jobId)
    {
        lock (_gate)
        {
            if (_running is { } running && running.Id == jobId)
            {
                running.Cancel.Cancel();
            }
        }
    }

    private void RunJobs()
    {
        while (true)
        {
            (RunJob Run, CancellationTokenSource Cancel) job;
            lock (_handOff)
            {
                while (_next is null)
                {
                    Monitor.Wait(_handOff);
                }

                job = _next.Value;
                _next = null;
            }

            Execute(job.Run, job.Cancel);
        }
    }

    private void Execute(RunJob run, CancellationTokenSource cancel)
    {
        JobDone done;
        try
        {
            if (run.Type is { } type)
            {
                _catalog!.Add(type); // on the job thread, the only one that reads the catalogue
            }

            var result = _catalog!.Get(run.TypeId)(run.Argument, cancel.Token).GetAwaiter().GetResult();
            done = new JobDone(run.JobId, true, result, null, null, null, Environment.WorkingSet);
        }
        catch (OutOfMemoryException e)
        {
            // The heap may be half-updated anywhere: end the child rather than run the next job in it.
            Console.Error.WriteLine($"ActorPool.Process child {Environment.ProcessId}: job {run.JobId} ran out of memory: {e}");
            Console.Error.Flush();
            Environment.Exit(ChildExitCodes.OutOfMemory);
            return;
        }
        catch (Exception e)
        {
            done = Failed(run.JobId, e);
        }

        lock (_gate)
        {
            _running = null;
        }

        cancel.Dispose();
        Send(done);
    }

    private static JobDone Failed(long jobId, Exception e) =>
        new(jobId, false, null, e.GetType().FullName, e.Message, e.StackTrace, Environment.WorkingSet);

    private void Send(JobDone done) => writer.Write(Framing.Encode(FrameKind.Done, done, WireJson.Default.JobDone));
}
