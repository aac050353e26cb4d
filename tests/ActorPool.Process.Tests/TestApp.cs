using System.Diagnostics;
using OsProcess = System.Diagnostics.Process;

namespace ActorPool.Process.Tests;

/// <summary>Starts ActorPool.Process.TestApp, the parent app of these tests, as a process of its own.</summary>
internal static class TestApp
{
    public const string Name = "ActorPool.Process.TestApp";

    /// <summary>The test app's own build folder (its runtimeconfig and apphost are there).</summary>
    public static string Folder
    {
        get
        {
            // tests/ActorPool.Process.Tests/bin/<Configuration>/<tfm>/ -> tests/<Name>/bin/<Configuration>/<tfm>/
            var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var tfm = here.Name;
            var configuration = here.Parent!.Name;
            var tests = here.Parent.Parent!.Parent!.Parent!.FullName;
            return Path.Combine(tests, Name, "bin", configuration, tfm);
        }
    }

    public static string Configuration => new DirectoryInfo(Folder).Parent!.Name;

    public static string RepositoryRoot => Path.GetFullPath(Path.Combine(Folder, "..", "..", "..", "..", ".."));

    public static OsProcess Start(string fileName, params string[] arguments)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Folder,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return OsProcess.Start(info)!;
    }

    /// <summary>Runs it to its end and returns its standard output.</summary>
    public static async Task<string> RunAsync(string fileName, params string[] arguments)
    {
        using var process = Start(fileName, arguments);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(deadline.Token);
        Assert.True(process.ExitCode == 0, $"{fileName} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await error}");
        return (await output).Trim();
    }

    /// <summary>The dotnet executable running these tests (the same host the library would pick).</summary>
    public static string Dotnet => Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet"
        ? self
        : "dotnet";
}
