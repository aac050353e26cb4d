using System.Collections.Concurrent;
using System.Globalization;
using ActorPool.Internal.Dispatch;
using ActorPool.Internal.Leasing;
using ActorPool.Internal.Workers;
using ActorPool.Internal.Workers.Threads;
using ActorPool.Tests.Support;
using Akka.Event;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace ActorPool.Tests.Leasing;

/// <summary>
/// <see cref="LeaseDesk"/> as a plain class: real worker pools, a clock the test moves, and a
/// stand-in for the supervisor's pool set that counts the notices the desk sends it.
/// </summary>
/// <remarks>
/// The fake clock fires the desk's timer inside <see cref="FakeTimeProvider.Advance"/>, on the
/// test's thread, so what a deadline does is visible right after the advance. Jobs run on the
/// pools' own threads, so their results are awaited (generously).
/// </remarks>
public abstract class LeaseDeskFixture : IDisposable
{
    private protected const string SupervisorPath = "/user/desk-test";

    private protected static readonly TimeSpan s_wait = PoolTestKit.Wait;
    private protected static readonly TimeSpan s_oneTick = TimeSpan.FromTicks(1);
    private protected static readonly TimeSpan s_leaseFor = TimeSpan.FromSeconds(60);
    private protected static readonly TimeSpan s_grace = TimeSpan.FromSeconds(10);
    private protected static readonly TimeSpan s_revokeTimeout = TimeSpan.FromSeconds(5);
    private protected static readonly TimeSpan s_maxTotal = TimeSpan.FromHours(1);
    private protected static readonly TimeSpan s_longWait = TimeSpan.FromMinutes(30);

    private protected static readonly LeaseSettings s_settings = new()
    {
        Grace = s_grace,
        RevokeTimeout = s_revokeTimeout,
        MaxTotal = s_maxTotal,
    };

    private protected readonly ITestOutputHelper _output;
    private protected readonly FakeTimeProvider _clock = new();
    private protected readonly SharedWorkers _sharedWorkers = new();
    private protected readonly List<IPoolRuntime> _pools = [];
    private protected readonly PoolsStandIn _book = new();
    private protected readonly ConcurrentQueue<PoolEvent> _events = new();
    private protected readonly LeaseDesk _desk;

    protected LeaseDeskFixture(ITestOutputHelper output)
    {
        _output = output;
        _desk = new LeaseDesk(s_settings, _clock, _book, _events.Enqueue, NoLogger.Instance, SupervisorPath);
    }

    public void Dispose()
    {
        _desk.Dispose();
        foreach (var pool in _pools)
        {
            pool.Shutdown(new OperationCanceledException("test over"));
        }
        GC.SuppressFinalize(this);
    }

    private protected IPoolRuntime AddPool()
    {
        var n = _pools.Count + 1;
        var pool = new ThreadRuntime($"pool-{n}", $"desk-test-pool-{n}", workers: 1, PoolMode.Shared, _sharedWorkers);
        _pools.Add(pool);
        _book.Table = new PoolTable([.. _pools], _pools.Count, maxPools: _pools.Count, desired: _pools.Count);
        return pool;
    }

    // Shared jobs on the same pools, as PoolClient submits them.
    private protected DataPlane SharedJobs()
    {
        var plane = new DataPlane(maxQueued: 10, _sharedWorkers);
        plane.Publish(_book.Table);
        return plane;
    }

    private protected static bool Pass(Gate gate)
    {
        gate.Pass();
        return true;
    }

    private protected List<LeaseChanged> Changes(string leaseId) =>
        [.. _events.OfType<LeaseChanged>().Where(e => e.LeaseId == leaseId)];

    private protected List<LeaseStep> Steps(string leaseId) => [.. Changes(leaseId).Select(e => e.Step)];

    /// <summary>The supervisor's pool set as the desk sees it: a table the test sets, and the notices counted.</summary>
    private protected sealed class PoolsStandIn : ILeasePools
    {
        private PoolTable _table = PoolTable.Empty;
        private int _taken;
        private int _waiting;
        private int _returned;
        private int _closed;

        public PoolTable Table
        {
            get
            {
                OnTableRead?.Invoke();
                return Volatile.Read(ref _table);
            }

            set => Volatile.Write(ref _table, value);
        }

        /// <summary>Called on every read of <see cref="Table"/>, inside the desk's lock: a test's way into a grant in progress.</summary>
        public Action? OnTableRead { get; set; }

        public int Waiting => Volatile.Read(ref _waiting);

        public int Returned => Volatile.Read(ref _returned);

        public int Closed => Volatile.Read(ref _closed);

        public (int Taken, int Waiting, int Returned, int Closed) Counts =>
            (Volatile.Read(ref _taken), Waiting, Returned, Closed);

        void ILeasePools.Taken() => Interlocked.Increment(ref _taken);

        void ILeasePools.Waiting() => Interlocked.Increment(ref _waiting);

        void ILeasePools.Returned() => Interlocked.Increment(ref _returned);

        void ILeasePools.Closed() => Interlocked.Increment(ref _closed);
    }
}
