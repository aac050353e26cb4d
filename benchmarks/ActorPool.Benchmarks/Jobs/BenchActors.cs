using Akka.Actor;

namespace ActorPool.Benchmarks.Jobs;

/// <summary>A job for a router's routee: spin this many iterations (none for a no-op), then reply <see cref="JobDone"/>.</summary>
internal sealed record RunJob(int Iterations);

/// <summary>A routee's reply; one instance, so a reply allocates nothing.</summary>
internal sealed class JobDone
{
    public static readonly JobDone Instance = new();

    private JobDone()
    {
    }
}

/// <summary>What a router pool's routees are: a <see cref="ReceiveActor"/> that runs the job and answers its sender.</summary>
internal sealed class JobRoutee : ReceiveActor
{
    public JobRoutee() =>
        Receive<RunJob>(job =>
        {
            if (job.Iterations > 0)
            {
                Spin.Run(job.Iterations);
            }
            Sender.Tell(JobDone.Instance);
        });
}

/// <summary>Answers every message with itself: the floor of an <c>Ask</c> round trip.</summary>
internal sealed class EchoActor : ReceiveActor
{
    public EchoActor() => ReceiveAny(message => Sender.Tell(message));
}

/// <summary>
/// "N in flight" through <c>Tell</c> with a counted reply: on <see cref="Start"/> it tells the
/// target N messages with itself as sender; each reply counts, and while fewer than the total have
/// been told it tells one more. When every reply has arrived it completes the run's task with the
/// count; a <see cref="Status.Failure"/> reply fails it.
/// </summary>
internal sealed class TellPipeline : ReceiveActor
{
    private Start? _run;
    private int _told;
    private int _replies;

    public TellPipeline()
    {
        Receive<Start>(start =>
        {
            _run = start;
            _told = 0;
            _replies = 0;
            var first = Math.Min(start.InFlight, start.Total);
            for (var i = 0; i < first; i++)
            {
                TellOne();
            }
        });
        Receive<Status.Failure>(failure => _run?.Done.TrySetException(failure.Cause));
        ReceiveAny(_ =>
        {
            if (_run is null)
            {
                return;
            }
            _replies++;
            if (_told < _run.Total)
            {
                TellOne();
            }
            if (_replies == _run.Total)
            {
                _run.Done.TrySetResult(_replies);
                _run = null;
            }
        });
    }

    private void TellOne()
    {
        _told++;
        _run!.Target.Tell(_run.Message, Self);
    }

    /// <summary>One run: tell <paramref name="Target"/> <paramref name="Total"/> copies of <paramref name="Message"/>, <paramref name="InFlight"/> outstanding.</summary>
    public sealed record Start(IActorRef Target, object Message, int InFlight, int Total, TaskCompletionSource<int> Done);

    /// <summary>Starts a run and returns its count of replies.</summary>
    public static Task<int> RunAsync(IActorRef pipeline, IActorRef target, object message, int inFlight, int total)
    {
        var done = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        pipeline.Tell(new Start(target, message, inFlight, total, done));
        return done.Task;
    }
}
