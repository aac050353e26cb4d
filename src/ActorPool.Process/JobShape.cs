namespace ActorPool.Process;

/// <summary>The argument and result types of a job type, from its <see cref="IProcessJob{TArgument, TResult}"/>.</summary>
internal sealed record JobShape(Type Argument, Type Result)
{
    /// <exception cref="NotPortableJobException">The type implements no, or several, IProcessJob.</exception>
    public static JobShape Of(Type jobType)
    {
        var jobs = jobType.GetInterfaces()
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IProcessJob<,>))
            .ToArray();
        if (jobs.Length != 1)
        {
            throw new NotPortableJobException(
                $"{jobType} cannot run in a child process: it must implement IProcessJob<TArgument, TResult> "
                + $"exactly once, and implements it {jobs.Length} times.");
        }

        var arguments = jobs[0].GetGenericArguments();
        return new JobShape(arguments[0], arguments[1]);
    }
}
