using ActorPool.Internal.Process.Child;

namespace ActorPool.Internal.Process.Parent;

/// <summary>Reads an exit code: .NET reports a child ended by signal N as 128 + N on Unix.</summary>
internal static class ExitText
{
    public static int? Signal(int exitCode) =>
        !OperatingSystem.IsWindows() && exitCode > 128 && exitCode < 128 + 65 ? exitCode - 128 : null;

    public static string Describe(int exitCode)
    {
        if (Signal(exitCode) is { } signal)
        {
            return $"exited with code {exitCode} (signal {signal}, {SignalName(signal)})";
        }

        return ChildExitCodes.Describe(exitCode) is { } meaning
            ? $"exited with code {exitCode} ({meaning})"
            : $"exited with code {exitCode}";
    }

    private static string SignalName(int signal) => signal switch
    {
        1 => "SIGHUP",
        2 => "SIGINT",
        3 => "SIGQUIT",
        4 => "SIGILL",
        6 => "SIGABRT, an unhandled exception or a fail-fast",
        7 => "SIGBUS",
        8 => "SIGFPE",
        9 => "SIGKILL",
        11 => "SIGSEGV",
        15 => "SIGTERM",
        _ => "signal " + signal,
    };
}
