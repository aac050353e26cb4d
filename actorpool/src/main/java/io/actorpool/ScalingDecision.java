package io.actorpool;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;

/**
 * One sizing decision with everything needed to explain it: the concurrency before and after, the
 * policy (or pipeline stage) that decided, why, the inputs, and what every policy proposed. The
 * {@code io.actorpool.policy.PolicyPipeline} returns one per control tick; the supervisor
 * publishes it on the event stream (subscribe to {@code ScalingDecision.class}).
 *
 * <p>Sizes are in worker slots; {@link #pools(int)} turns them into pools. Immutable.
 *
 * @param supervisor the deciding supervisor's actor path; empty until {@link #withSupervisor}
 * @param timestampNanos the {@link Ticker} time of the tick
 * @param fromSlots the desired concurrency before
 * @param toSlots the desired concurrency after
 * @param policy what decided: a policy's name ({@code units}, {@code load}, ...) or a pipeline
 *     stage ({@code stabilization}, {@code overload-veto}, {@code anti-thrash}, {@code bounds})
 * @param reason why, in words
 * @param inputs the observation and each policy's proposal with its reason, by name
 * @param proposals what each policy proposed, in slots, in pipeline order
 * @param capabilityPools pools per capability set, when the {@code capability} policy runs
 */
public record ScalingDecision(
    String supervisor,
    long timestampNanos,
    int fromSlots,
    int toSlots,
    String policy,
    String reason,
    Map<String, String> inputs,
    Map<String, Integer> proposals,
    Map<Set<String>, Integer> capabilityPools)
    implements NoSerializationVerificationNeeded {

  /**
   * Checks and copies the fields.
   *
   * @throws IllegalArgumentException if a slot count is negative
   * @throws NullPointerException if a field is null
   */
  public ScalingDecision {
    Objects.requireNonNull(supervisor, "supervisor");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(reason, "reason");
    if (fromSlots < 0 || toSlots < 0) {
      throw new IllegalArgumentException(
          "slots must be >= 0, was: [" + fromSlots + " -> " + toSlots + "]");
    }
    inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
    proposals = Collections.unmodifiableMap(new LinkedHashMap<>(proposals));
    capabilityPools = Map.copyOf(capabilityPools);
  }

  /**
   * A copy naming the supervisor that took the decision.
   *
   * @param supervisor its actor path
   * @return the copy
   */
  public ScalingDecision withSupervisor(String supervisor) {
    return new ScalingDecision(supervisor, timestampNanos, fromSlots, toSlots, policy, reason,
        inputs, proposals, capabilityPools);
  }

  /** Whether the desired concurrency changed. */
  public boolean changed() {
    return fromSlots != toSlots;
  }

  /**
   * The pools that carry {@link #toSlots()}: {@code ceil(toSlots / workersPerPool)}.
   *
   * @param workersPerPool slots per pool, {@code >= 1}
   * @return the pool count
   * @throws IllegalArgumentException if {@code workersPerPool < 1}
   */
  public int pools(int workersPerPool) {
    if (workersPerPool < 1) {
      throw new IllegalArgumentException(
          "workersPerPool must be >= 1, was: [" + workersPerPool + "]");
    }
    return (int) (((long) toSlots + workersPerPool - 1) / workersPerPool);
  }
}
