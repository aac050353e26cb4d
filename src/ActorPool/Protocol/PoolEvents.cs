using Akka.Actor;

namespace ActorPool;

/// <summary>
/// What a <c>PoolSupervisor</c> publishes on the actor system's event stream, so tests,
/// dashboards and operators see every decision and its reason. Subscribe with
/// <c>system.EventStream.Subscribe(listener, typeof(PoolEvent))</c>, or to one record type.
/// </summary>
/// <param name="Supervisor">The supervisor's actor path, so several supervisors can be told apart.</param>
/// <remarks>Only ActorPool publishes these: the set of events is closed, and a type outside the
/// library cannot derive from <see cref="PoolEvent"/>.</remarks>
public abstract record PoolEvent(string Supervisor) : INoSerializationVerificationNeeded
{
    // A record's constructors cannot be made internal (its copy constructor is always protected),
    // so this internal abstract member is what closes the hierarchy: a type in another assembly
    // cannot override it, and a non-abstract type that does not override it does not compile.
    /// <summary>The event's kind, e.g. <c>pool-started</c>, for logs.</summary>
    internal abstract string Kind { get; }
}

/// <summary>
/// The sizing loop decided a desired pool count: published when the count or the deciding policy
/// changes, with what the policy saw and what it proposed.
/// </summary>
/// <param name="Supervisor">The supervisor's actor path.</param>
/// <param name="Policy">
/// What decided: a policy's name (<c>units</c>, <c>load</c>, <c>queue</c>, <c>throughput</c>, or a
/// user policy's) or a stage of the loop that overrode it (<c>hysteresis</c>,
/// <c>memory-pressure</c>, <c>overload-veto</c>, <c>bounds</c>, <c>failed</c>).
/// </param>
/// <param name="Units">The unit count at the decision.</param>
/// <param name="Previous">The desired count before.</param>
/// <param name="Desired">The desired count now.</param>
/// <param name="Reason">What triggered it, e.g. <c>ScaleChanged(31)</c>, <c>check-interval</c> or <c>decision-interval</c>.</param>
/// <remarks>
/// Two decisions are equal when the positional members are: <see cref="Timestamp"/>,
/// <see cref="Rationale"/>, <see cref="Inputs"/> and <see cref="Proposals"/> explain a decision and
/// are left out of equality.
/// </remarks>
public sealed record ScalingDecision(string Supervisor, string Policy, int Units, int Previous, int Desired, string Reason)
    : PoolEvent(Supervisor)
{
    /// <summary>When the loop decided (the supervisor's <see cref="TimeProvider"/>).</summary>
    /// <value>The default value is <see cref="DateTimeOffset.MinValue"/>.</value>
    public DateTimeOffset Timestamp { get; init; }

    /// <summary>Why <see cref="Policy"/> chose <see cref="Desired"/>, in words, e.g. <c>ceil(31 units / 10) = 4 pools</c>.</summary>
    /// <value>The default value is empty.</value>
    public string Rationale { get; init; } = "";

    /// <summary>The observation and the policy's own inputs, by name, in order.</summary>
    /// <value>The default value is empty.</value>
    public IReadOnlyList<KeyValuePair<string, string>> Inputs { get; init; } = [];

    /// <summary>What the policy and each stage of the loop proposed, in pools, in the order they ran.</summary>
    /// <value>The default value is empty.</value>
    public IReadOnlyList<KeyValuePair<string, int>> Proposals { get; init; } = [];

    /// <summary>Under the <c>capability</c> policy, the pools per capability set (names sorted, joined by commas; plain pools under the empty set), which add up to <see cref="Desired"/>; null otherwise.</summary>
    public IReadOnlyDictionary<string, int>? PoolsByCapabilities { get; init; }

    internal override string Kind => "scaling-decision";

    /// <summary>Whether the positional members are equal; the explanation is left out.</summary>
    /// <param name="other">The decision to compare with.</param>
    /// <returns><see langword="true"/> when they say the same.</returns>
    public bool Equals(ScalingDecision? other) =>
        other is not null && Supervisor == other.Supervisor && Policy == other.Policy && Units == other.Units
        && Previous == other.Previous && Desired == other.Desired && Reason == other.Reason;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Supervisor, Policy, Units, Previous, Desired, Reason);
}

/// <summary>A pool was started.</summary>
/// <param name="Supervisor">The supervisor's actor path.</param>
/// <param name="Pool">The pool's name.</param>
public sealed record PoolStarted(string Supervisor, string Pool) : PoolEvent(Supervisor)
{
    internal override string Kind => "pool-started";
}

/// <summary>A pool began to drain: it finishes the jobs it has, takes nothing new, then stops.</summary>
/// <param name="Supervisor">The supervisor's actor path.</param>
/// <param name="Pool">The pool's name.</param>
/// <param name="Jobs">Jobs it still had (running or queued) when draining began.</param>
/// <param name="Reason">Why, e.g. <c>above target 1</c> or <c>lease-3 revoked</c>.</param>
public sealed record PoolDraining(string Supervisor, string Pool, int Jobs, string Reason) : PoolEvent(Supervisor)
{
    internal override string Kind => "pool-draining";
}

/// <summary>A pool's threads have ended and it no longer counts against max-pools.</summary>
/// <param name="Supervisor">The supervisor's actor path.</param>
/// <param name="Pool">The pool's name.</param>
public sealed record PoolStopped(string Supervisor, string Pool) : PoolEvent(Supervisor)
{
    internal override string Kind => "pool-stopped";
}

/// <summary>A pool's actor failed and was restarted; its threads and jobs were kept.</summary>
/// <param name="Supervisor">The supervisor's actor path.</param>
/// <param name="Pool">The pool's name.</param>
/// <param name="Cause">The failure, as <c>Type: message</c>.</param>
public sealed record PoolCrashed(string Supervisor, string Pool, string Cause) : PoolEvent(Supervisor)
{
    internal override string Kind => "pool-crashed";
}

/// <summary>The size signal failed. Published once, and again only when the failure changes.</summary>
/// <param name="Supervisor">The supervisor's actor path.</param>
/// <param name="Error">The failure, as <c>Type: message</c>.</param>
/// <param name="UnitsUsed">The unit count used instead (held, or zero).</param>
public sealed record SignalFailed(string Supervisor, string Error, int UnitsUsed) : PoolEvent(Supervisor)
{
    internal override string Kind => "signal-failed";
}

/// <summary>The size signal works again after a failure.</summary>
/// <param name="Supervisor">The supervisor's actor path.</param>
/// <param name="Units">The unit count it gave.</param>
public sealed record SignalRecovered(string Supervisor, int Units) : PoolEvent(Supervisor)
{
    internal override string Kind => "signal-recovered";
}

/// <summary>A step in a lease's life.</summary>
public enum LeaseStep
{
    /// <summary>The lease was granted.</summary>
    Granted,

    /// <summary>Soft expiry: the holder was warned; the lease is revoked after the grace unless renewed.</summary>
    Expiring,

    /// <summary>The lease was renewed.</summary>
    Renewed,

    /// <summary>The lease was released and its pool given back.</summary>
    Released,

    /// <summary>The holder actor stopped; the lease was released and its queued work cancelled.</summary>
    HolderStopped,

    /// <summary>Hard expiry: the lease was revoked and its pool is draining.</summary>
    Revoked,

    /// <summary>A revoked pool's jobs did not end within <c>lease.revoke-timeout</c>.</summary>
    Stuck,
}

/// <summary>A lease changed.</summary>
/// <param name="Supervisor">The supervisor's actor path.</param>
/// <param name="LeaseId">The lease.</param>
/// <param name="Pool">The leased pool.</param>
/// <param name="Holder">The holder's actor path, or <c>unwatched</c>.</param>
/// <param name="Step">What happened.</param>
/// <param name="Detail">A readable explanation.</param>
public sealed record LeaseChanged(string Supervisor, string LeaseId, string Pool, string Holder, LeaseStep Step, string Detail)
    : PoolEvent(Supervisor)
{
    internal override string Kind => "lease-changed";
}
