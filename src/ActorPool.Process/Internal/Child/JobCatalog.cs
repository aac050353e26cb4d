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

    private readonly List<string> _folders = [];

    public JobCatalog(StartChild start)
    {
        InstallResolver(start);
        foreach (var entry in start.Jobs)
        {
            Bind(entry);
        }

        if (start.Initializer is { } initializer)
        {
            var instance = Activator.CreateInstance(Load(initializer)) as IProcessInitializer
                ?? throw new InvalidOperationException($"{initializer.TypeName} is not an IProcessInitializer.");
            instance.Initialize();
        }
    }

    /// <summary>
    /// Adds an entry the parent sent with a job: a type its code registered after this child started
    /// (a pool's job types are learnt as they are first submitted). It is as trusted as the start
    /// frame's list: both come from the parent over this child's stdin, which nobody else can write,
    /// and the type must still implement <see cref="IProcessJob{TArgument, TResult}"/> before
    /// anything is instantiated.
    /// </summary>
    public void Add(JobTypeEntry entry)
    {
        if (!_jobs.ContainsKey(entry.Id))
        {
            Bind(entry);
        }
    }

    /// <exception cref="InvalidOperationException">The id is not on the allow-list.</exception>
    public Func<string, CancellationToken, Task<string>> Get(string typeId) =>
        _jobs.TryGetValue(typeId, out var run)
            ? run
            : throw new InvalidOperationException($"The job type {typeId} is not registered for this child.");

    private void Bind(JobTypeEntry entry)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(entry.AssemblyPath))!;
        lock (_folders)
        {
            if (!_folders.Contains(folder))
            {
                _folders.Add(folder);
            }
        }

        var type = Load(entry);
        var shape = JobShape.Of(type);
        _jobs[entry.Id] = (Func<string, CancellationToken, Task<string>>)s_bind
            .MakeGenericMethod(type, shape.Argument, shape.Result).Invoke(null, null)!;
    }

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
    private void InstallResolver(StartChild start)
    {
        _folders.AddRange(start.Jobs.Append(start.Initializer).OfType<JobTypeEntry>()
            .Select(e => Path.GetDirectoryName(Path.GetFullPath(e.AssemblyPath))!)
            .Append(Path.GetDirectoryName(typeof(JobCatalog).Assembly.Location)!)
            .Distinct(StringComparer.Ordinal));
        AssemblyLoadContext.Default.Resolving += (context, name) =>
        {
            var loaded = context.Assemblies.FirstOrDefault(a => AssemblyName.ReferenceMatchesDefinition(name, a.GetName()));
            if (loaded is not null)
            {
                return loaded;
            }

            string[] folders;
            lock (_folders)
            {
                folders = [.. _folders];
            }

            var file = folders.Select(f => Path.Combine(f, name.Name + ".dll")).FirstOrDefault(File.Exists);
            return file is null ? null : context.LoadFromAssemblyPath(file);
        };
    }
}
