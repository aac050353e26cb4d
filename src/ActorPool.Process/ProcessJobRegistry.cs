using ActorPool.Internal.Process.Wire;

namespace ActorPool.Process;

/// <summary>
/// The allow-list of types a child process may load: job types and an optional initializer. The
/// parent sends each type's assembly path and name when a child starts; a child loads nothing else,
/// and a job names its type by an id of this list, never by a type name read off the wire.
/// </summary>
/// <remarks>Fill it before a <see cref="ProcessWorker"/> is created from it: the worker takes a
/// snapshot. Not thread-safe while being filled.</remarks>
public sealed class ProcessJobRegistry
{
    private readonly Dictionary<Type, JobTypeEntry> _jobs = [];

    /// <summary>The initializer type, or <see langword="null"/>.</summary>
    /// <value>The default value is <see langword="null"/>: no initializer.</value>
    public Type? Initializer { get; private set; }

    /// <summary>The registered job types.</summary>
    public IReadOnlyCollection<Type> JobTypes => _jobs.Keys;

    /// <summary>Allows <typeparamref name="TJob"/> to run in child processes.</summary>
    /// <typeparam name="TJob">A public class implementing <see cref="IProcessJob{TArgument, TResult}"/>.</typeparam>
    /// <returns>This registry.</returns>
    /// <exception cref="NotPortableJobException">The type is not public, implements no
    /// <see cref="IProcessJob{TArgument, TResult}"/>, or lives in an assembly without a file.</exception>
    public ProcessJobRegistry Register<TJob>()
        where TJob : class, new()
    {
        var type = typeof(TJob);
        JobShape.Of(type); // throws when it is not a job
        _jobs[type] = Entry(type);
        return this;
    }

    /// <summary>Runs <typeparamref name="TInitializer"/> once in every child before its first job.</summary>
    /// <returns>This registry.</returns>
    /// <exception cref="NotPortableJobException">The type is not public or has no assembly file.</exception>
    public ProcessJobRegistry WithInitializer<TInitializer>()
        where TInitializer : class, IProcessInitializer, new()
    {
        _ = Entry(typeof(TInitializer));
        Initializer = typeof(TInitializer);
        return this;
    }

    /// <summary>Whether <paramref name="jobType"/> was registered.</summary>
    public bool IsRegistered(Type jobType) => _jobs.ContainsKey(jobType);

    internal IReadOnlyDictionary<Type, JobTypeEntry> Snapshot() => new Dictionary<Type, JobTypeEntry>(_jobs);

    internal JobTypeEntry? InitializerEntry => Initializer is null ? null : Entry(Initializer);

    /// <summary>The entry of an initializer named in <see cref="ProcessSettings.Initializer"/>
    /// (already checked by <see cref="InitializerProblem"/>).</summary>
    internal static JobTypeEntry InitializerEntryOf(Type initializer) => Entry(initializer);

    /// <summary>Why <paramref name="type"/> cannot be a child's initializer, or null when it can.</summary>
    internal static string? InitializerProblem(Type type)
    {
        if (!typeof(IProcessInitializer).IsAssignableFrom(type))
        {
            return $"must implement {typeof(IProcessInitializer).FullName}";
        }
        if (type.GetConstructor(Type.EmptyTypes) is null)
        {
            return "must have a public parameterless constructor";
        }
        try
        {
            _ = Entry(type);
            return null;
        }
        catch (NotPortableJobException e)
        {
            return "cannot run in a child process: " + e.Message;
        }
    }

    /// <summary>The allow-list entry of a job type, for a pool that learns its types as they are
    /// submitted (see <see cref="ProcessWorker.RunAnyAsync"/>); built once per type.</summary>
    internal static JobTypeEntry EntryOf(Type jobType) => s_entries.GetOrAdd(jobType, static t =>
    {
        JobShape.Of(t); // throws when it is not a job
        return Entry(t);
    });

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, JobTypeEntry> s_entries = new();

    private static JobTypeEntry Entry(Type type)
    {
        if (!type.IsVisible || type.IsAbstract || type.IsGenericTypeDefinition)
        {
            throw new NotPortableJobException(
                $"{type} cannot run in a child process: it must be a public, non-abstract, non-generic class.");
        }

        var location = type.Assembly.Location;
        if (string.IsNullOrEmpty(location))
        {
            throw new NotPortableJobException(
                $"{type} cannot run in a child process: its assembly {type.Assembly.GetName().Name} has no file "
                + "(a dynamic assembly or a single-file app), so the child cannot load it.");
        }

        return new JobTypeEntry(type.FullName!, location, type.FullName!);
    }
}
