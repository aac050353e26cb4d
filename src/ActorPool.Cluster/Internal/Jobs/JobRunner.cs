namespace ActorPool.Cluster.Internal.Jobs;

/// <summary>Runs a remote job on the group's node and turns how it ended into a <see cref="JobOutcome"/>.</summary>
internal static class JobRunner
{
    public static async Task<JobOutcome> RunAsync(long id, JobCatalog.Run run, PoolClient client, string argumentJson, TimeSpan? timeout, string node)
    {
        try
        {
            return new JobOutcome(id, await run(client, argumentJson, timeout).ConfigureAwait(false), null, null);
        }
        catch (Exception e)
        {
            return Failed(id, e, node);
        }
    }

    /// <summary>The outcome for a job that ended with <paramref name="error"/> on <paramref name="node"/>.</summary>
    public static JobOutcome Failed(long id, Exception error, string node)
    {
        var kind = error switch
        {
            JobTimeoutException => JobFailure.TimedOut,
            JobRejectedException => JobFailure.Rejected,
            WorkerCrashedException => JobFailure.Crashed,
            OperationCanceledException => JobFailure.Cancelled,
            LeaseExpiredException => JobFailure.LeaseExpired,
            LeaseReleasedException => JobFailure.LeaseReleased,
            _ => JobFailure.Threw,
        };
        var text = kind == JobFailure.Threw ? $"{error.GetType().FullName} on {node}: {error.Message}" : error.Message;
        return new JobOutcome(id, null, kind, text);
    }

    /// <summary>The exception a caller sees for a failed outcome: one fixed type per kind.</summary>
    public static Exception ToException(JobFailure kind, string? error)
    {
        var message = error ?? kind.ToString();
        return kind switch
        {
            JobFailure.TimedOut => new JobTimeoutException(message),
            JobFailure.Rejected => new JobRejectedException(message),
            JobFailure.Crashed => new WorkerCrashedException(message),
            JobFailure.Cancelled => new OperationCanceledException(message),
            JobFailure.LeaseExpired => new LeaseExpiredException(message),
            JobFailure.LeaseReleased => new LeaseReleasedException(message),
            _ => new RemoteJobException(message),
        };
    }
}
