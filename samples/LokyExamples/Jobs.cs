using ActorPool.Process;

namespace ActorPool.Samples.LokyExamples;

/// <summary>Where a meeting's attendees sign in, and how many are expected.</summary>
public sealed record Meeting(string Folder, int Expected);

/// <summary>
/// Signs in with its child's pid and waits until every expected attendee has: with as many jobs as
/// the executor has workers, each job holds its child until all have arrived, so the jobs land on
/// distinct children and their pids are exactly the executor's live children.
/// </summary>
public sealed class MeetJob : IProcessJob<Meeting, int>
{
    public async Task<int> RunAsync(Meeting argument, CancellationToken cancellationToken)
    {
        var pid = Environment.ProcessId;
        await File.WriteAllTextAsync(Path.Combine(argument.Folder, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)), "", cancellationToken);
        // The children cannot signal each other, so each looks at the folder until all have signed in;
        // the caller's timeout cancels the token if one never comes.
        while (Directory.GetFiles(argument.Folder).Length < argument.Expected)
        {
            await Task.Delay(5, cancellationToken);
        }
        return pid;
    }
}

/// <summary>Runs once in each child before its first job (loky's <c>initializer</c>).</summary>
public sealed class Greeter : IProcessInitializer
{
    public static string Greeting { get; private set; } = "not initialized";

    public void Initialize() => Greeting = $"initialized in child {Environment.ProcessId}";
}

/// <summary>Returns what the initializer and the environment set in its child.</summary>
public sealed class GreetJob : IProcessJob<string, string>
{
    public Task<string> RunAsync(string argument, CancellationToken cancellationToken) =>
        Task.FromResult($"{Greeter.Greeting}; {argument}={Environment.GetEnvironmentVariable(argument)}");
}

/// <summary>Ends its child at once, as a crashing native library or a stray <c>exit()</c> would.</summary>
public sealed class CrashJob : IProcessJob<int, int>
{
    public Task<int> RunAsync(int argument, CancellationToken cancellationToken)
    {
        Environment.Exit(argument);
        return Task.FromResult(0);
    }
}
