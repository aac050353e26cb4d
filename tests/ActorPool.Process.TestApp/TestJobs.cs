namespace ActorPool.Process.TestApp;

/// <summary>Echoes its argument with the child's pid.</summary>
public sealed class EchoJob : IProcessJob<string, EchoReply>
{
    public Task<EchoReply> RunAsync(string argument, CancellationToken cancellationToken) =>
        Task.FromResult(new EchoReply(argument, Environment.ProcessId));
}

public sealed record EchoReply(string Text, int Pid);

/// <summary>Throws an ordinary exception.</summary>
public sealed class ThrowJob : IProcessJob<string, int>
{
    public Task<int> RunAsync(string argument, CancellationToken cancellationToken) =>
        throw new InvalidOperationException(argument);
}

/// <summary>Calls Environment.Exit with its argument after a line on stderr.</summary>
public sealed class ExitJob : IProcessJob<int, int>
{
    public Task<int> RunAsync(int argument, CancellationToken cancellationToken)
    {
        Console.Error.WriteLine($"exit job: exiting with {argument}");
        Environment.Exit(argument);
        return Task.FromResult(0);
    }
}

/// <summary>Throws on a thread of its own, which the runtime does not survive.</summary>
public sealed class UnhandledJob : IProcessJob<string, int>
{
    public Task<int> RunAsync(string argument, CancellationToken cancellationToken)
    {
        var thread = new Thread(() => throw new InvalidOperationException(argument));
        thread.Start();
        thread.Join();
        return Task.FromResult(0);
    }
}

/// <summary>Allocates until the heap limit is hit.</summary>
public sealed class OutOfMemoryJob : IProcessJob<int, int>
{
    public Task<int> RunAsync(int argument, CancellationToken cancellationToken)
    {
        var hoard = new List<byte[]>();
        while (true)
        {
            hoard.Add(new byte[argument]);
        }
    }
}

/// <summary>Writes a marker file and a stderr line, then blocks, ignoring its token.</summary>
public sealed class HangJob : IProcessJob<string, int>
{
    public Task<int> RunAsync(string argument, CancellationToken cancellationToken)
    {
        Console.Error.WriteLine("hang job: started, ignoring cancellation");
        File.WriteAllText(argument, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var never = new ManualResetEventSlim();
        never.Wait(CancellationToken.None); // deliberately deaf to its token
        return Task.FromResult(0);
    }
}

/// <summary>Waits for its token, then ends as cancelled.</summary>
public sealed class CooperativeJob : IProcessJob<string, int>
{
    public async Task<int> RunAsync(string argument, CancellationToken cancellationToken)
    {
        File.WriteAllText(argument, "started");
        await Task.Delay(Timeout.Infinite, cancellationToken);
        return 0;
    }
}

/// <summary>Keeps its argument's worth of megabytes alive for the child's life, touched.</summary>
public sealed class LeakJob : IProcessJob<int, long>
{
    private static readonly List<byte[]> s_leak = [];

    public Task<long> RunAsync(int argument, CancellationToken cancellationToken)
    {
        for (var i = 0; i < argument; i++)
        {
            var block = new byte[1 << 20];
            Array.Fill(block, (byte)1); // touched pages count in the working set
            s_leak.Add(block);
        }

        return Task.FromResult(Environment.WorkingSet);
    }
}

/// <summary>Writes to Console.Out and Console.Error.</summary>
public sealed class ChattyJob : IProcessJob<string, int>
{
    public Task<int> RunAsync(string argument, CancellationToken cancellationToken)
    {
        Console.WriteLine("out: " + argument);
        Console.Error.WriteLine("err: " + argument);
        return Task.FromResult(0);
    }
}

/// <summary>Reports what the initializer set and an environment variable.</summary>
public sealed class InitJob : IProcessJob<string, string>
{
    public Task<string> RunAsync(string argument, CancellationToken cancellationToken) =>
        Task.FromResult($"{TestInitializer.Marker}|{Environment.GetEnvironmentVariable(argument)}");
}

public sealed class TestInitializer : IProcessInitializer
{
    public static string Marker { get; private set; } = "not initialized";

    public void Initialize() => Marker = "initialized in " + Environment.ProcessId;
}

public sealed class FailingInitializer : IProcessInitializer
{
    public void Initialize() => throw new InvalidOperationException("the model file is missing");
}

/// <summary>Returns its argument: the runtime contract's echo.</summary>
public sealed class IntEchoJob : IProcessJob<int, int>
{
    public Task<int> RunAsync(int argument, CancellationToken cancellationToken) => Task.FromResult(argument);
}

/// <summary>How long <see cref="SleepJob"/> sleeps, and whether it gives up when cancelled.</summary>
public sealed record SleepArgs(int Millis, bool Cooperative);

/// <summary>Sleeps, then returns 1: the runtime contract's sleep.</summary>
public sealed class SleepJob : IProcessJob<SleepArgs, int>
{
    public async Task<int> RunAsync(SleepArgs argument, CancellationToken cancellationToken)
    {
        if (argument.Cooperative)
        {
            await Task.Delay(argument.Millis, cancellationToken);
        }
        else
        {
            Thread.Sleep(argument.Millis);
        }

        return 1;
    }
}

/// <summary>Kills its child the first time it runs for a marker path, succeeds with the pid after.</summary>
public sealed class CrashOnceJob : IProcessJob<string, int>
{
    public Task<int> RunAsync(string argument, CancellationToken cancellationToken)
    {
        if (!File.Exists(argument))
        {
            File.WriteAllText(argument, "crashed once");
            Console.Error.WriteLine("crash-once job: exiting with 3");
            Environment.Exit(3);
        }

        return Task.FromResult(Environment.ProcessId);
    }
}

/// <summary>Counts its runs in this child: a pool's initializer must run exactly once per child.</summary>
public sealed class CountingInitializer : IProcessInitializer
{
    private static int s_runs;

    public static int Runs => Volatile.Read(ref s_runs);

    public void Initialize() => Interlocked.Increment(ref s_runs);
}

/// <summary>What a pool's child was prepared with: the initializer's runs and an environment variable.</summary>
public sealed record ChildSetup(int Pid, int InitializerRuns, string? Variable);

/// <summary>Reports <see cref="ChildSetup"/> for the variable its argument names.</summary>
public sealed class ChildSetupJob : IProcessJob<string, ChildSetup>
{
    public Task<ChildSetup> RunAsync(string argument, CancellationToken cancellationToken) =>
        Task.FromResult(new ChildSetup(Environment.ProcessId, CountingInitializer.Runs, Environment.GetEnvironmentVariable(argument)));
}
