using System.Reflection;

// Console output is one per process: the samples run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace ActorPool.Samples.Tests;

/// <summary>Runs a sample's entry point and returns what it printed, as a user running it would see it.</summary>
internal static class SampleOutput
{
    public static Task<string> OfAsync(string assemblyName, params string[] args) => OfAsync(assemblyName, TimeSpan.FromSeconds(60), args);

    /// <summary>As <see cref="OfAsync(string, string[])"/>, for a sample that may take up to <paramref name="timeout"/>.</summary>
    public static async Task<string> OfAsync(string assemblyName, TimeSpan timeout, params string[] args)
    {
        var entry = Assembly.Load(assemblyName).EntryPoint
            ?? throw new InvalidOperationException($"{assemblyName} has no entry point");
        var original = Console.Out;
        using var output = new StringWriter();
        Console.SetOut(TextWriter.Synchronized(output));
        try
        {
            var result = entry.Invoke(null, entry.GetParameters().Length == 0 ? null : [args]);
            if (result is Task task)
            {
                await task.WaitAsync(timeout);
            }
        }
        finally
        {
            Console.SetOut(original);
        }
        return output.ToString().ReplaceLineEndings("\n");
    }
}
