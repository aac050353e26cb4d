using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json;
using ActorPool.Internal.Process.Wire;
using ActorPool.Process;

namespace ActorPool.Internal.Process.Child;

/// <summary>
/// The child's allow-list: the job types the parent named at start, loaded from their assembly
/// paths. A run names a type by its id in this catalogue; nothing else is ever instantiated.
/// </summary>
internal sealed class JobCatalog
{
    private static readonly MethodInfo s_bind =
        typeof(JobCatalog).GetMethod(nameof(Bind), BindingFlags.NonPublic | BindingFlags.Static)!;

    private readonly Dictionary<string, Func<string, CancellationToken, Task<string>>> _jobs = new(StringComparer.Ordinal);

    public JobCatalog(StartChild start)
    {
        InstallResolver(start);
        foreach (var entry in start.Jobs)
        {
            var type = Load(entry);
            var shape = JobShape.Of(type);
            _jobs[entry.Id] = (Func<string, CancellationToken, Task<string>>)s_bind
                .MakeGenericMethod(type, shape.Argument, shape.Result).Invoke(null, null)!;
        }

        if (start.Initializer is { } initializer)
        {
            var instance = Activator.CreateInstance(Load(initializer)) as IProcessInitializer
                ?? throw new InvalidOperationException($"{initializer.TypeName} is not an IProcessInitializer.");
            instance.Initialize();
        }
    }

    /// <exception cref="InvalidOperationException">The id is not on the allow-list.</exception>
    public Func<string, CancellationToken, Task<string>> Get(string typeId) =>
        _jobs.TryGetValue(typeId, out var run)
            ? run
            : throw new InvalidOperationException($"The job type {typeId} is not registered for this child.");

    private static Func<string, CancellationToken, Task<string>> Bind<TJob, TArgument, TResult>()
        where TJob : IProcessJob<TArgument, TResult>, new() =>
        async (json, token) =>
        {
            var argument = JsonSerializer.Deserialize<TArgument>(json)!;
            var result = await new TJob().RunAsync(argument, token).ConfigureAwait(false);
            return JsonSerializer.Serialize(result);
        };

    private static Type Load(JobTypeEntry entry)
    {
        var assembly = AssemblyLoadContext.Default.LoadFromAssemblyPath(Path.GetFullPath(entry.AssemblyPath));
        // Looked up in that one assembly by exact name: never Type.GetType on a name from the wire.
        return assembly.GetType(entry.TypeName, throwOnError: true, ignoreCase: false)!;
    }

    /// <summary>
    /// The host's deps file names none of the user's assemblies, so their dependencies are looked
    /// for beside the allow-listed assemblies and beside ActorPool.Process.dll itself.
    /// </summary>
    private static void InstallResolver(StartChild start)
    {
        var folders = start.Jobs.Append(start.Initializer).OfType<JobTypeEntry>()
            .Select(e => Path.GetDirectoryName(Path.GetFullPath(e.AssemblyPath))!)
            .Append(Path.GetDirectoryName(typeof(JobCatalog).Assembly.Location)!)
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        AssemblyLoadContext.Default.Resolving += (context, name) =>
        {
            var loaded = context.Assemblies.FirstOrDefault(a => AssemblyName.ReferenceMatchesDefinition(name, a.GetName()));
            if (loaded is not null)
            {
                return loaded;
            }

            var file = folders.Select(f => Path.Combine(f, name.Name + ".dll")).FirstOrDefault(File.Exists);
            return file is null ? null : context.LoadFromAssemblyPath(file);
        };
    }
}
