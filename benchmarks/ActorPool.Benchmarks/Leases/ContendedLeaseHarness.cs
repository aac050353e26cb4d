using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace ActorPool.Benchmarks.Leases;

/// <summary>
/// DESIGN B4, which BenchmarkDotNet cannot measure (it gives no p99 of a wait inside an operation):
/// <see cref="ContendedLeaseOptions.Leasers"/> tasks contend for 2 pools, each in a loop acquiring
/// with a 50 ms wait, holding ~100 µs (a Stopwatch spin) and releasing. The contenders' rounds are
/// interleaved in rotating order after one discarded warm-up round each; per contender it prints
/// the median over rounds of the p50, p99 and max wait and of acquires/s, each with its ratio to
/// the <c>SemaphoreSlim</c> baseline. Then the timeout and FIFO sanity checks.
/// </summary>
internal static class ContendedLeaseHarness
{
    private static readonly TimeSpan s_fifoWaitUpTo = TimeSpan.FromSeconds(5);

    public static async Task RunAsync(ContendedLeaseOptions options, TextWriter output)
    {
        output.WriteLine(Invariant(
            $"## Contended leases: {options.Leasers} leasers, {options.Pools} pools, hold {options.Hold.TotalMicroseconds:0} µs, waitUpTo {options.WaitUpTo.TotalMilliseconds:0} ms"));
        output.WriteLine(Invariant(
            $"{options.Rounds} rounds of {options.RoundLength.TotalSeconds:0.#} s per contender, interleaved in rotating order, after one discarded warm-up round of {options.WarmupLength.TotalSeconds:0.#} s each"));
        output.WriteLine(Invariant($"load average at start: {Machine.LoadAverage()}"));
        output.WriteLine();

        var contenders = new ILeaseContender[]
        {
            new SemaphoreStackContender(options.Pools),
            new ChannelContender(options.Pools),
            await ActorPoolContender.StartAsync(options.Pools),
        };
        try
        {
            foreach (var contender in contenders)
            {
                await RunRoundAsync(contender, options, options.WarmupLength);
            }
            var rounds = contenders.ToDictionary(c => c, _ => new List<RoundResult>());
            for (var round = 0; round < options.Rounds; round++)
            {
                for (var i = 0; i < contenders.Length; i++)
                {
                    var contender = contenders[(round + i) % contenders.Length];
                    rounds[contender].Add(await RunRoundAsync(contender, options, options.RoundLength));
                }
            }
            var summaries = contenders.Select(c => Summary.Of(c.Name, rounds[c])).ToList();
            PrintSummaries(summaries, output);

            output.WriteLine();
            output.WriteLine(Invariant(
                $"### Sanity: every pool held; a {options.WaitUpTo.TotalMilliseconds:0} ms timed acquire must fail, never early ({options.TimeoutTries} tries); FIFO: {options.FifoWaiters} waiters queued in order behind held pools, one pool let through ({options.FifoRuns} runs)"));
            output.WriteLine();
            output.WriteLine("| contender | timed out | early | late by, min | late by, median | late by, max | FIFO runs in order |");
            output.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
            var checks = new List<(string Name, TimeoutCheck Timeouts, int InOrder)>();
            foreach (var contender in contenders)
            {
                var timeouts = await CheckTimeoutsAsync(contender, options);
                var inOrder = await CheckFifoAsync(contender, options);
                checks.Add((contender.Name, timeouts, inOrder));
                output.WriteLine(Invariant(
                    $"| {contender.Name} | {timeouts.TimedOut}/{options.TimeoutTries} | {timeouts.Early} | {timeouts.MinLateMs:0.00} ms | {timeouts.MedianLateMs:0.00} ms | {timeouts.MaxLateMs:0.00} ms | {inOrder}/{options.FifoRuns} |"));
            }

            output.WriteLine();
            PrintGoals(summaries, checks.Single(c => c.Name == contenders[^1].Name), options, output);
        }
        finally
        {
            foreach (var contender in contenders)
            {
                await contender.DisposeAsync();
            }
        }
        output.WriteLine();
        output.WriteLine(Invariant($"load average at end: {Machine.LoadAverage()}"));
    }

    private static void PrintSummaries(List<Summary> summaries, TextWriter output)
    {
        var baseline = summaries[0];
        output.WriteLine("Wait = from the acquire call until it returned (a timed-out acquire counts with its wait). Medians over rounds; ratio = contender / baseline.");
        output.WriteLine();
        output.WriteLine("| contender | p50 wait | p99 wait | max wait | acquires/s | failed acquires | p50 ratio | p99 ratio | max ratio | acquires/s ratio |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var s in summaries)
        {
            output.WriteLine(Invariant(
                $"| {s.Name}{(s == baseline ? " (baseline)" : "")} | {s.P50Us:0.0} µs | {s.P99Us:0.0} µs | {s.MaxUs:0.0} µs | {s.AcquiresPerSecond:0} | {s.Failed}/{s.Attempts} | {s.P50Us / baseline.P50Us:0.00}x | {s.P99Us / baseline.P99Us:0.00}x | {s.MaxUs / baseline.MaxUs:0.00}x | {s.AcquiresPerSecond / baseline.AcquiresPerSecond:0.00}x |"));
        }
    }

    private static void PrintGoals(List<Summary> summaries, (string Name, TimeoutCheck Timeouts, int InOrder) actorPool, ContendedLeaseOptions options, TextWriter output)
    {
        var baseline = summaries[0];
        var ours = summaries[^1];
        var p99Ratio = ours.P99Us / baseline.P99Us;
        output.WriteLine(Invariant($"Goals (DESIGN B4, which names 4 leasers; this run has {options.Leasers}):"));
        output.WriteLine(Invariant($"- p99 wait <= 1.0x the SemaphoreSlim baseline: {p99Ratio:0.00}x, {Verdict(p99Ratio <= 1.0)}"));
        output.WriteLine(Invariant($"- strict FIFO: {actorPool.InOrder}/{options.FifoRuns} runs in order, {Verdict(actorPool.InOrder == options.FifoRuns)}"));
        var timely = actorPool.Timeouts.TimedOut == options.TimeoutTries && actorPool.Timeouts.Early == 0 && actorPool.Timeouts.MaxLateMs <= 5.0;
        output.WriteLine(Invariant(
            $"- a timeout fires within 5 ms of its deadline, never early: {actorPool.Timeouts.Early} early, max {actorPool.Timeouts.MaxLateMs:0.00} ms late, {Verdict(timely)}"));
    }

    private static string Verdict(bool met) => met ? "met" : "NOT MET";

    /// <summary>
    /// One round. The line is primed first: with every pool held, all leasers start and ask, and
    /// only then are the pools let go and the clock started. Without that, on 2 cores the first two
    /// leasers find a pool free on every turn, never yield their thread-pool threads, and the
    /// others do not even start until the pool injects threads.
    /// </summary>
    private static async Task<RoundResult> RunRoundAsync(ILeaseContender contender, ContendedLeaseOptions options, TimeSpan length)
    {
        var clock = new RoundClock();
        var held = await HoldAllAsync(contender, options.Pools);
        var leasers = new Task<LeaserResult>[options.Leasers];
        for (var i = 0; i < leasers.Length; i++)
        {
            leasers[i] = Task.Run(() => LeaseLoopAsync(contender, clock, Ticks(options.Hold), options.WaitUpTo));
        }
        while (Volatile.Read(ref clock.Asking) < leasers.Length)
        {
            await Task.Delay(1);
        }
        await Task.Delay(2);
        var started = Stopwatch.GetTimestamp();
        clock.Start(started, started + Ticks(length));
        await ReleaseAllAsync(contender, held);
        var results = await Task.WhenAll(leasers);
        var elapsed = Stopwatch.GetElapsedTime(started);

        var waits = results.SelectMany(r => r.Waits).ToArray();
        Array.Sort(waits);
        var acquired = results.Sum(r => r.Acquired);
        return new RoundResult(
            P50Us: Micros(Percentile(waits, 0.50)),
            P99Us: Micros(Percentile(waits, 0.99)),
            MaxUs: Micros(waits[^1]),
            AcquiresPerSecond: acquired / elapsed.TotalSeconds,
            Failed: results.Sum(r => r.Failed),
            Attempts: waits.Length);
    }

    /// <summary>Acquire, note the wait, hold, release, until the round ends; acquires asked before it started are not counted.</summary>
    private static async Task<LeaserResult> LeaseLoopAsync(ILeaseContender contender, RoundClock clock, long holdTicks, TimeSpan waitUpTo)
    {
        var waits = new List<long>(16 * 1024);
        int acquired = 0, failed = 0;
        Interlocked.Increment(ref clock.Asking);
        while (true)
        {
            var asked = Stopwatch.GetTimestamp();
            if (asked >= Volatile.Read(ref clock.End))
            {
                return new LeaserResult(waits, acquired, failed);
            }
            var lease = await contender.TryAcquireAsync(waitUpTo);
            var granted = Stopwatch.GetTimestamp();
            var counted = asked >= Volatile.Read(ref clock.Started);
            if (counted)
            {
                waits.Add(granted - asked);
            }
            if (lease is null)
            {
                failed += counted ? 1 : 0;
                continue;
            }
            acquired += counted ? 1 : 0;
            SpinUntil(granted + holdTicks);
            await contender.ReleaseAsync(lease);
        }
    }

    /// <summary>Every pool held: each timed acquire must come back empty after at least its wait.</summary>
    private static async Task<TimeoutCheck> CheckTimeoutsAsync(ILeaseContender contender, ContendedLeaseOptions options)
    {
        var held = await HoldAllAsync(contender, options.Pools);
        var lateMs = new double[options.TimeoutTries];
        int timedOut = 0, early = 0;
        for (var i = 0; i < options.TimeoutTries; i++)
        {
            var asked = Stopwatch.GetTimestamp();
            var lease = await contender.TryAcquireAsync(options.WaitUpTo);
            var waited = Stopwatch.GetElapsedTime(asked);
            if (lease is null)
            {
                timedOut++;
            }
            else
            {
                await contender.ReleaseAsync(lease);
            }
            lateMs[i] = (waited - options.WaitUpTo).TotalMilliseconds;
            if (waited < options.WaitUpTo)
            {
                early++;
            }
        }
        await ReleaseAllAsync(contender, held);
        Array.Sort(lateMs);
        return new TimeoutCheck(timedOut, early, lateMs[0], lateMs[lateMs.Length / 2], lateMs[^1]);
    }

    /// <summary>
    /// Every pool held, <see cref="ContendedLeaseOptions.FifoWaiters"/> waiters queued one after
    /// the other from this thread, then one pool let through: each waiter notes its turn and
    /// passes the pool on, so the notes are the grant order.
    /// </summary>
    /// <returns>How many runs granted in exactly the queueing order.</returns>
    private static async Task<int> CheckFifoAsync(ILeaseContender contender, ContendedLeaseOptions options)
    {
        var inOrder = 0;
        for (var run = 0; run < options.FifoRuns; run++)
        {
            var held = await HoldAllAsync(contender, options.Pools);
            var order = new ConcurrentQueue<int>();
            var waiters = new Task[options.FifoWaiters];
            for (var i = 0; i < waiters.Length; i++)
            {
                waiters[i] = WaitInLineAsync(contender, i, order);
            }
            await Task.Delay(20);
            await contender.ReleaseAsync(held[0]);
            await Task.WhenAll(waiters);
            await ReleaseAllAsync(contender, held.Skip(1));
            if (order.SequenceEqual(Enumerable.Range(0, options.FifoWaiters)))
            {
                inOrder++;
            }
        }
        return inOrder;
    }

    private static async Task WaitInLineAsync(ILeaseContender contender, int place, ConcurrentQueue<int> order)
    {
        var lease = await contender.TryAcquireAsync(s_fifoWaitUpTo)
            ?? throw new InvalidOperationException($"{contender.Name}: waiter {place} got no pool within {s_fifoWaitUpTo}");
        order.Enqueue(place);
        await contender.ReleaseAsync(lease);
    }

    private static async Task<List<object>> HoldAllAsync(ILeaseContender contender, int pools)
    {
        var held = new List<object>(pools);
        for (var i = 0; i < pools; i++)
        {
            held.Add(await contender.TryAcquireAsync(s_fifoWaitUpTo)
                ?? throw new InvalidOperationException($"{contender.Name}: pool {i} of {pools} could not be taken with nobody else asking"));
        }
        return held;
    }

    private static async Task ReleaseAllAsync(ILeaseContender contender, IEnumerable<object> held)
    {
        foreach (var lease in held)
        {
            await contender.ReleaseAsync(lease);
        }
    }

    private static void SpinUntil(long timestamp)
    {
        while (Stopwatch.GetTimestamp() < timestamp)
        {
            Thread.SpinWait(10);
        }
    }

    /// <summary>Nearest rank.</summary>
    private static long Percentile(long[] sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    private static double Micros(long ticks) => ticks * 1_000_000.0 / Stopwatch.Frequency;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>A round's start and end (Stopwatch timestamps, never until the line is primed) and how many leasers have started asking.</summary>
    private sealed class RoundClock
    {
        public long Started = long.MaxValue;
        public long End = long.MaxValue;
        public int Asking;

        public void Start(long started, long end)
        {
            Volatile.Write(ref End, end);
            Volatile.Write(ref Started, started);
        }
    }

    private sealed record LeaserResult(List<long> Waits, int Acquired, int Failed);

    private sealed record RoundResult(double P50Us, double P99Us, double MaxUs, double AcquiresPerSecond, int Failed, int Attempts);

    private sealed record TimeoutCheck(int TimedOut, int Early, double MinLateMs, double MedianLateMs, double MaxLateMs);

    private sealed record Summary(string Name, double P50Us, double P99Us, double MaxUs, double AcquiresPerSecond, int Failed, int Attempts)
    {
        public static Summary Of(string name, List<RoundResult> rounds) => new(
            name,
            Median(rounds.Select(r => r.P50Us)),
            Median(rounds.Select(r => r.P99Us)),
            Median(rounds.Select(r => r.MaxUs)),
            Median(rounds.Select(r => r.AcquiresPerSecond)),
            rounds.Sum(r => r.Failed),
            rounds.Sum(r => r.Attempts));

        private static double Median(IEnumerable<double> values)
        {
            var sorted = values.Order().ToArray();
            return sorted.Length % 2 == 1
                ? sorted[sorted.Length / 2]
                : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        }
    }
}

/// <summary>The harness's knobs; the defaults are the brief's: 8 leasers, 2 pools, 100 µs hold, 50 ms wait, 7 rounds of 2 s.</summary>
internal sealed record ContendedLeaseOptions
{
    public int Leasers { get; init; } = 8;
    public int Pools { get; init; } = 2;
    public TimeSpan Hold { get; init; } = TimeSpan.FromMicroseconds(100);
    public TimeSpan WaitUpTo { get; init; } = TimeSpan.FromMilliseconds(50);
    public int Rounds { get; init; } = 7;
    public TimeSpan RoundLength { get; init; } = TimeSpan.FromSeconds(2);
    public TimeSpan WarmupLength { get; init; } = TimeSpan.FromSeconds(2);
    public int TimeoutTries { get; init; } = 20;
    public int FifoRuns { get; init; } = 10;
    public int FifoWaiters { get; init; } = 6;
}
