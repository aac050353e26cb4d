using System.Diagnostics;

namespace ActorPool.Internal.Process.Parent;

/// <summary>
/// Finds the child host and the <c>dotnet</c> that runs it. The host is looked for beside
/// ActorPool.Process.dll, where the build and publish put it, and dotnet is the one running this
/// process: nothing is taken from the parent's command line, which differs between
/// <c>dotnet run</c>, <c>dotnet test</c>, an apphost and a published app.
/// </summary>
internal static class ChildLauncher
{
    public const string HostFileName = "ActorPool.Process.Host.dll";

    /// <exception cref="InvalidOperationException">The host file is missing.</exception>
    public static string HostPath()
    {
        var library = typeof(ChildLauncher).Assembly.Location;
        if (string.IsNullOrEmpty(library))
        {
            throw new InvalidOperationException(
                "ActorPool.Process.dll has no file location (a single-file app?), so the child host beside it cannot be found. "
                + "Publish without PublishSingleFile, or exclude ActorPool.Process.dll from the bundle.");
        }

        var host = Path.Combine(Path.GetDirectoryName(library)!, HostFileName);
        return File.Exists(host)
            ? host
            : throw new InvalidOperationException(
                $"The child host {host} is missing: it ships beside ActorPool.Process.dll (with its .runtimeconfig.json) "
                + "through the package or project reference; check that the build copied it.");
    }

    /// <exception cref="InvalidOperationException">No dotnet executable was found.</exception>
    public static string DotnetPath(string? configured)
    {
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }

        var exe = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        // dotnet run / dotnet test / dotnet app.dll: this process is dotnet itself.
        if (Environment.ProcessPath is { } self && Path.GetFileName(self).Equals(exe, StringComparison.OrdinalIgnoreCase))
        {
            return self;
        }

        // An apphost (bin/Debug/net10.0/App, a published app): the dotnet root that holds the running
        // runtime, <root>/shared/Microsoft.NETCore.App/<version>/, then the SDK's and the user's hints.
        var runtime = Path.GetDirectoryName(typeof(object).Assembly.Location);
        var candidates = new[]
        {
            Environment.GetEnvironmentVariable("DOTNET_HOST_PATH"),
            runtime is null ? null : Path.GetFullPath(Path.Combine(runtime, "..", "..", "..", exe)),
            Environment.GetEnvironmentVariable("DOTNET_ROOT") is { } root ? Path.Combine(root, exe) : null,
        };
        return candidates.FirstOrDefault(c => !string.IsNullOrEmpty(c) && File.Exists(c))
            ?? throw new InvalidOperationException(
                "No dotnet executable was found to start a child process (a self-contained app has none): "
                + "set actor-pool.process.dotnet-host to one.");
    }

    public static ProcessStartInfo StartInfo(string dotnet, string host, IEnumerable<KeyValuePair<string, string>> env)
    {
        var info = new ProcessStartInfo(dotnet)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            CreateNoWindow = true,
        };
        info.ArgumentList.Add("exec");
        info.ArgumentList.Add(host);
        foreach (var (name, value) in env)
        {
            info.Environment[name] = value;
        }

        return info;
    }
}
