using System.Threading.Channels;

namespace ActorPool.Benchmarks.Jobs;

/// <summary>
/// The hand-rolled equivalent of a pool's runtime: an unbounded <see cref="Channel{T}"/> read by
/// <c>threads</c> dedicated background threads, one <see cref="TaskCompletionSource{TResult}"/> per
/// job. Like ActorPool's jobs, the task runs its continuations asynchronously, so a caller's code
/// never runs on (and never blocks) a worker thread. A worker drains what it can, then blocks on
/// <see cref="ChannelReader{T}.WaitToReadAsync"/>.
/// </summary>
internal sealed class ChannelThreadPool : IDisposable
{
    private readonly Channel<IChannelJob> _channel = Channel.CreateUnbounded<IChannelJob>(
        new UnboundedChannelOptions { SingleReader = false, SingleWriter = false, AllowSynchronousContinuations = false });
    private readonly Thread[] _threads;

    public ChannelThreadPool(int threads)
    {
        _threads = new Thread[threads];
        for (var k = 0; k < threads; k++)
        {
            _threads[k] = new Thread(Work) { IsBackground = true, Name = $"channel-pool-worker-{k + 1}" };
            _threads[k].Start();
        }
    }

    /// <summary>Runs <paramref name="job"/> on a worker thread.</summary>
    public Task<T> Submit<T>(Func<T> job)
    {
        var item = new ChannelJob<T>(job);
        if (!_channel.Writer.TryWrite(item))
        {
            throw new InvalidOperationException("the channel pool is closed");
        }
        return item.Task;
    }

    /// <summary>Completes the channel and waits for the workers to end.</summary>
    public void Dispose()
    {
        _channel.Writer.TryComplete();
        foreach (var thread in _threads)
        {
            thread.Join();
        }
    }

    private void Work()
    {
        var reader = _channel.Reader;
        while (true)
        {
            while (reader.TryRead(out var item))
            {
                item.Run();
            }
            var more = reader.WaitToReadAsync();
            if (!(more.IsCompletedSuccessfully ? more.Result : more.AsTask().GetAwaiter().GetResult()))
            {
                return;
            }
        }
    }

    private interface IChannelJob
    {
        void Run();
    }

    private sealed class ChannelJob<T>(Func<T> job) : TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously), IChannelJob
    {
        public void Run()
        {
            try
            {
                SetResult(job());
            }
#pragma warning disable CA1031 // A job's exception belongs to its caller.
            catch (Exception e)
#pragma warning restore CA1031
            {
                SetException(e);
            }
        }
    }
}
