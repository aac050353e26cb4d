using System.Text.Json;

namespace ActorPool.Process;

/// <summary>
/// One call of a registered job type in the form that crosses to a child: the job type, its
/// argument as JSON, and the type the result is read back as. Made on the caller's thread, so a
/// job that cannot cross fails there, before anything reaches a worker.
/// </summary>
/// <remarks>Immutable and safe to share between threads.</remarks>
public sealed class PortableJob
{
    private PortableJob(Type jobType, Type resultType, string argumentJson)
    {
        JobType = jobType;
        ResultType = resultType;
        ArgumentJson = argumentJson;
    }

    /// <summary>The job type, an <see cref="IProcessJob{TArgument, TResult}"/>.</summary>
    public Type JobType { get; }

    /// <summary>The type the result is deserialized as.</summary>
    public Type ResultType { get; }

    /// <summary>The argument, serialized with System.Text.Json's default options.</summary>
    public string ArgumentJson { get; }

    /// <summary>A call of <typeparamref name="TJob"/> on <paramref name="argument"/>.</summary>
    /// <exception cref="NotPortableJobException">The argument does not fit the job's argument type, or
    /// does not serialize.</exception>
    public static PortableJob Create<TJob>(object? argument)
        where TJob : class, new() => Create(typeof(TJob), argument);

    /// <summary>A call of <paramref name="jobType"/> on <paramref name="argument"/>.</summary>
    /// <exception cref="NotPortableJobException">The type is no job type, the argument does not fit
    /// its argument type, or does not serialize.</exception>
    public static PortableJob Create(Type jobType, object? argument)
    {
        ArgumentNullException.ThrowIfNull(jobType);
        var shape = JobShape.Of(jobType);
        if (argument is not null && !shape.Argument.IsInstanceOfType(argument))
        {
            throw new NotPortableJobException(
                $"{jobType} takes a {shape.Argument}, and was given a {argument.GetType()}.");
        }

        try
        {
            return new PortableJob(jobType, shape.Result, JsonSerializer.Serialize(argument, shape.Argument));
        }
        catch (Exception e) when (e is NotSupportedException or JsonException or InvalidOperationException)
        {
            throw new NotPortableJobException(
                $"The argument of {jobType} cannot be serialized with System.Text.Json: {e.Message}", e);
        }
    }

    /// <summary>The error for a delegate submitted to a process-backed pool, saying what to do instead.</summary>
    /// <param name="job">The delegate that was submitted.</param>
    public static NotPortableJobException NotPortable(Delegate job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return new NotPortableJobException(
            $"A delegate ({job.Method.DeclaringType}.{job.Method.Name}) cannot run in a child process: its "
            + "code and captured state do not cross a process boundary. Write a public class implementing "
            + "ActorPool.Process.IProcessJob<TArgument, TResult> with a public parameterless constructor, "
            + "register it with ProcessJobRegistry.Register<TJob>(), and submit PortableJob.Create<TJob>(argument).");
    }
}
