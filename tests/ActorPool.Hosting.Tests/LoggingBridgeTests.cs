using System.Collections.Concurrent;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ActorPool.Hosting.Tests;

/// <summary>
/// The log catalogue seen from Microsoft.Extensions.Logging, through Akka.Hosting's logger bridge:
/// the bridge passes the rendered line (no structured state), so the event id must be in its text,
/// and a deliberate failure must arrive as one warning without an exception.
/// </summary>
public sealed class LoggingBridgeTests
{
    [Fact]
    public async Task ARefusedChange_ReachesILogger_AsOneWarning_WithTheEventIdInItsText()
    {
        var captured = new CapturingProvider();
        using var host = await TestHosts.StartAsync(services => services
            .AddLogging(logging => logging.AddProvider(captured))
            .AddActorPoolClient()
            .AddAkka("logged", b => b
                .ConfigureLoggers(loggers =>
                {
                    loggers.ClearLoggers();
                    loggers.AddLoggerFactory();
                })
                .WithActorPool("pools", o => o.MaxPools = 3)));
        var client = host.Services.GetRequiredService<PoolClient>();

        await Assert.ThrowsAsync<ArgumentException>(() => client.SetPoolBoundsAsync(5, 3).WaitAsync(TestHosts.Wait));

        var refused = await captured.FirstAsync(e => e.Message.Contains("[AP1005] ", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Warning, refused.Level);
        Assert.Contains("[AP1005] pools: SetPoolBounds refused: actor-pool.min-pools must be <= actor-pool.max-pools, was: [5] > [3]; nothing was changed",
            refused.Message, StringComparison.Ordinal);
        Assert.Null(refused.Exception);
        Assert.DoesNotContain(captured.Entries, e => e.Level >= LogLevel.Error);
    }

    private sealed record Entry(string Category, LogLevel Level, string Message, Exception? Exception);

    /// <summary>An <see cref="ILoggerProvider"/> that keeps what it is given, as a structured sink would.</summary>
    private sealed class CapturingProvider : ILoggerProvider
    {
        private TaskCompletionSource _logged = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ConcurrentQueue<Entry> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Capturing(categoryName, this);

        /// <summary>The first entry that matches, waiting for each new one up to the hosts' wait.</summary>
        public async Task<Entry> FirstAsync(Func<Entry, bool> match)
        {
            while (true)
            {
                var next = Volatile.Read(ref _logged).Task;
                if (Entries.FirstOrDefault(match) is { } found)
                {
                    return found;
                }
                try
                {
                    await next.WaitAsync(TestHosts.Wait);
                }
                catch (TimeoutException)
                {
                    Assert.Fail($"no such entry among: {string.Join(" | ", Entries.Select(e => $"{e.Category}: {e.Message}"))}");
                }
            }
        }

        private void Add(Entry entry)
        {
            Entries.Enqueue(entry);
            Interlocked.Exchange(ref _logged, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        }

        public void Dispose()
        {
        }

        private sealed class Capturing(string category, CapturingProvider provider) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                provider.Add(new Entry(category, logLevel, formatter(state, exception), exception));
        }
    }
}
