namespace ActorPool.Benchmarks.Scenarios.Targets;

/// <summary>One contender of a scenario: something that runs jobs and has a size.</summary>
internal interface IScenarioTarget : IAsyncDisposable
{
    /// <summary>Runs one job; completes when it has run (or is cancelled before it ran).</summary>
    Task RunAsync(Workload job, CancellationToken cancellationToken);

    /// <summary>Its size now: threads, routees or desired workers. Called from the recorder's thread.</summary>
    int Size();

    /// <summary>Tells it the demand signal (units), for contenders that take one (B8's <c>units</c>).</summary>
    void Demand(int units)
    {
    }

    /// <summary>Control ticks so far, for contenders whose tick is not a clock (DefaultResizer: every 10 messages).</summary>
    double? Ticks => null;
}
