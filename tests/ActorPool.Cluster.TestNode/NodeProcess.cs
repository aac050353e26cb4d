using System.Collections.Concurrent;
using System.Diagnostics;
using OsProcess = System.Diagnostics.Process;

namespace ActorPool.Cluster.TestNode;

/// <summary>
/// One node program started as <c>dotnet ActorPool.Cluster.TestNode.dll ...</c>, the way a user
/// runs a node: its output is read as it comes (the last lines are kept for error messages), and
/// it dies with its parent (its standard input is our pipe, and it watches our pid).
/// </summary>
public sealed class NodeProcess : IDisposable
{
    private const int KeptLines = 200;
    private const string UpLine = "NODE UP ";

    private readonly OsProcess _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly TaskCompletionSource<string> _up = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private NodeProcess(string name, OsProcess process)
    {
        Name = name;
        _process = process;
        _process.OutputDataReceived += (_, e) => Line(e.Data);
        _process.ErrorDataReceived += (_, e) => Line(e.Data);
        _process.Exited += (_, _) => _up.TrySetException(new InvalidOperationException(
            $"node {Name} exited with {ExitCodeOrUnknown()} before it was Up:{Environment.NewLine}{Output}"));
        _process.EnableRaisingEvents = true;
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The node's name in messages, e.g. <c>node-2</c>.</summary>
    public string Name { get; }

    /// <summary>Its process id.</summary>
    public int Pid => _process.Id;

    /// <summary>Whether it has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Its last lines of output, standard error included.</summary>
    public string Output => string.Join(Environment.NewLine, _lines);

    /// <summary>The node program beside this assembly (a project reference copies it with its runtimeconfig).</summary>
    public static string Program => Path.Combine(AppContext.BaseDirectory, "ActorPool.Cluster.TestNode.dll");

    /// <summary>The <c>dotnet</c> host: the one running us, else the one the SDK names, else the one on the PATH.</summary>
    public static string Dotnet =>
        Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self
        : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
        : "dotnet";

    /// <summary>Starts a node; await <see cref="UpAsync"/> for its address.</summary>
    /// <param name="name">Its name in messages.</param>
    /// <param name="options">Its command line (the parent pid is set to this process).</param>
    /// <returns>The started process.</returns>
    public static NodeProcess Start(string name, NodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!File.Exists(Program))
        {
            throw new FileNotFoundException(
                $"The node program is not at {Program}: reference tests/ActorPool.Cluster.TestNode/ActorPool.Cluster.TestNode.csproj from this project.",
                Program);
        }
        var info = new ProcessStartInfo(Dotnet)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.ArgumentList.Add("exec");
        info.ArgumentList.Add(Program);
        foreach (var arg in (options with { ParentPid = Environment.ProcessId }).ToArgs())
        {
            info.ArgumentList.Add(arg);
        }
        return new NodeProcess(name, OsProcess.Start(info) ?? throw new InvalidOperationException($"{Dotnet} did not start"));
    }

    /// <summary>Waits for the node's <c>NODE UP</c> line.</summary>
    /// <param name="within">How long to wait.</param>
    /// <returns>The node's address, e.g. <c>akka.tcp://failover@127.0.0.1:40123</c>.</returns>
    /// <exception cref="InvalidOperationException">It exited first.</exception>
    /// <exception cref="TimeoutException">It was not Up in time; the message holds its output.</exception>
    public async Task<string> UpAsync(TimeSpan within)
    {
        try
        {
            return await _up.Task.WaitAsync(within);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"node {Name} was not Up within {within}:{Environment.NewLine}{Output}", e);
        }
    }

    /// <summary>SIGKILL: the node ends at once, with no leaving, no hand-off and no last message.</summary>
    public void Kill() => _process.Kill();

    /// <summary>Waits until it has exited.</summary>
    /// <param name="within">How long to wait.</param>
    /// <returns>Its exit code.</returns>
    public async Task<int> ExitAsync(TimeSpan within)
    {
        await _process.WaitForExitAsync().WaitAsync(within);
        return _process.ExitCode;
    }

    /// <summary>Kills it if it still runs, and waits for its end: no node outlives its test.</summary>
    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // It had already ended.
        }
        _process.Dispose();
    }

    private void Line(string? line)
    {
        if (line is null)
        {
            return;
        }
        if (line.StartsWith(UpLine, StringComparison.Ordinal))
        {
            _up.TrySetResult(line[UpLine.Length..].Trim());
        }
        _lines.Enqueue(line);
        while (_lines.Count > KeptLines && _lines.TryDequeue(out _))
        {
        }
    }

    private string ExitCodeOrUnknown()
    {
        try
        {
            return _process.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (InvalidOperationException)
        {
            return "an unknown code";
        }
    }
}
