using System.Reflection;

namespace ActorPool.Internal.Process.Host;

/// <summary>
/// Loads ActorPool.Process.dll from this file's own folder and runs its child loop. The library is
/// found by path, not by reference: the library ships this host, so a reference would be a cycle,
/// and the folder is the one the parent found the host in, so both are the same build.
/// </summary>
internal static class Program
{
    private const string Library = "ActorPool.Process.dll";
    private const string EntryType = "ActorPool.Internal.Process.Child.ChildMain";

    private static int Main(string[] args)
    {
        var path = Path.Combine(AppContext.BaseDirectory, Library);
        if (!File.Exists(path))
        {
            Console.Error.WriteLine($"ActorPool.Process.Host: {path} is missing; the host must sit beside the library.");
            return 2;
        }

        var entry = Assembly.LoadFrom(path).GetType(EntryType, throwOnError: true)!
            .GetMethod("Run", BindingFlags.Public | BindingFlags.Static)!;
        return (int)entry.Invoke(null, [args])!;
    }
}
