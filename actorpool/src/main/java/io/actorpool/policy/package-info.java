/**
 * Sizing policies: plain Java rules that turn an {@link io.actorpool.policy.Observation} into a
 * desired concurrency in worker slots, and the {@link io.actorpool.policy.PolicyPipeline} that
 * composes them into one {@link io.actorpool.ScalingDecision} per control tick.
 *
 * <h2>How a supervisor drives a pipeline</h2>
 *
 * <pre>{@code
 * // once, at start (fails fast on bad config):
 * PolicyPipeline pipeline = PolicyPipeline.create(SizingSettings.create(system));
 *
 * // every control tick, inside the actor:
 * Observation o = new Observation(ticker.read(), desiredSlots,
 *     minPools * workersPerPool, maxPools * workersPerPool, workersPerPool,
 *     runningJobs, queuedJobs, units, completedJobs,
 *     latestLoadSnapshotOr(LoadSnapshot.unknown(now)), capabilityGroups, queuedByRequirement);
 * ScalingDecision d = pipeline.decide(o).withSupervisor(self().path().toString());
 * if (d.changed()) {
 *   system.getEventStream().publish(d);
 *   desiredSlots = d.toSlots();            // gate running jobs to this many
 *   targetPools = d.pools(workersPerPool); // ceil(toSlots / workers-per-pool)
 * }
 * }</pre>
 *
 * <p>The pipeline and its policies are not thread-safe and keep state between ticks (intervals,
 * measurements, stabilization windows): create one per supervisor and call it only from that
 * actor. Time comes only from {@code Observation.nanos()}, so the same pipeline replays a recorded
 * trace deterministically (see the trace simulator in the test sources).
 */
package io.actorpool.policy;
