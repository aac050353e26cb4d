using System.Diagnostics;

namespace ActorPool.Benchmarks.Jobs;

/// <summary>Which commit of the repository's <c>src/</c> (and of <c>benchmarks/</c>) a run measured, read with git; best effort.</summary>
internal static class SourceVersion
{
    /// <summary>"<c>abc1234</c> (2026-12-05) subject", with a note when the folder has uncommitted changes, or why it is unknown.</summary>
    public static string Of(string folder)
    {
        var root = RepositoryRoot();
        if (root is null)
        {
            return "unknown (no ActorPool.sln above the current directory)";
        }
        var commit = Git(root, $"log -1 --format=%h%x20(%cs)%x20%s -- {folder}");
        if (string.IsNullOrWhiteSpace(commit))
        {
            return "unknown (git gave no commit)";
        }
        var line = commit.Trim();
        var hash = line.Split(' ')[0];
        var dirty = Git(root, $"status --porcelain -- {folder}");
        return $"`{hash}`{line[hash.Length..]}" + (string.IsNullOrWhiteSpace(dirty) ? "" : " **with uncommitted changes**");
    }

    private static string? RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ActorPool.sln")))
            {
                return dir.FullName;
            }
        }
        return null;
    }

    private static string? Git(string root, string arguments)
    {
        try
        {
            using var git = System.Diagnostics.Process.Start(new ProcessStartInfo("git", $"-C \"{root}\" {arguments}")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (git is null)
            {
                return null;
            }
            var output = git.StandardOutput.ReadToEnd();
            git.WaitForExit();
            return git.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
