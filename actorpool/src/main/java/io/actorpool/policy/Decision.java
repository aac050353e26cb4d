package io.actorpool.policy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What one {@link SizingPolicy} proposes at one tick: a desired concurrency in worker slots, with
 * the policy's name, its reason and the inputs it used.
 *
 * <p>Build one with {@link #hold}, {@link #grow}, {@link #shrink} or {@link #to}, then name it
 * with {@link #because} and add inputs with {@link #with}. Immutable.
 *
 * @param fromSlots the desired concurrency in force before the tick
 * @param desiredSlots the proposed concurrency
 * @param policy the name of the policy that proposed it
 * @param reason why, in words, e.g. {@code running 10 >= floor(0.9 x 10); not overloaded}
 * @param inputs the values the decision used, by name, in insertion order
 * @param capabilityPools pools per capability set, from the {@code capability} policy; empty
 *     otherwise
 */
public record Decision(
    int fromSlots,
    int desiredSlots,
    String policy,
    String reason,
    Map<String, String> inputs,
    Map<Set<String>, Integer> capabilityPools) {

  private static final String UNNAMED = "unnamed";

  /**
   * Checks and copies the fields.
   *
   * @throws IllegalArgumentException if a slot count is negative or the policy name is blank
   * @throws NullPointerException if a field is null
   */
  public Decision {
    if (fromSlots < 0 || desiredSlots < 0) {
      throw new IllegalArgumentException(
          "slots must be >= 0, was: [" + fromSlots + " -> " + desiredSlots + "]");
    }
    if (Objects.requireNonNull(policy, "policy").isBlank()) {
      throw new IllegalArgumentException("policy must not be blank");
    }
    Objects.requireNonNull(reason, "reason");
    inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
    capabilityPools = Map.copyOf(capabilityPools);
  }

  /**
   * Keep the desired concurrency.
   *
   * @param o the observation decided on
   * @return a decision from and to {@code o.desiredSlots()}
   */
  public static Decision hold(Observation o) {
    return to(o, o.desiredSlots());
  }

  /**
   * Add slots.
   *
   * @param o the observation decided on
   * @param n how many slots to add, {@code >= 1}
   * @return the decision
   * @throws IllegalArgumentException if {@code n < 1}
   */
  public static Decision grow(Observation o, int n) {
    if (n < 1) {
      throw new IllegalArgumentException("grow needs n >= 1, was: [" + n + "]");
    }
    return to(o, (int) Math.min(Integer.MAX_VALUE, (long) o.desiredSlots() + n));
  }

  /**
   * Remove slots.
   *
   * @param o the observation decided on
   * @param n how many slots to remove, {@code 1 <= n <= o.desiredSlots()}
   * @return the decision
   * @throws IllegalArgumentException if {@code n} is out of range
   */
  public static Decision shrink(Observation o, int n) {
    if (n < 1 || n > o.desiredSlots()) {
      throw new IllegalArgumentException(
          "shrink needs 1 <= n <= " + o.desiredSlots() + ", was: [" + n + "]");
    }
    return to(o, o.desiredSlots() - n);
  }

  /**
   * Go to an absolute concurrency.
   *
   * @param o the observation decided on
   * @param slots the proposed concurrency, {@code >= 0}
   * @return the decision
   * @throws IllegalArgumentException if {@code slots < 0}
   */
  public static Decision to(Observation o, int slots) {
    return new Decision(o.desiredSlots(), slots, UNNAMED, "", Map.of(), Map.of());
  }

  /**
   * A copy naming the policy and its reason.
   *
   * @param policy the policy's name
   * @param reason why
   * @return the copy
   */
  public Decision because(String policy, String reason) {
    return new Decision(fromSlots, desiredSlots, policy, reason, inputs, capabilityPools);
  }

  /**
   * A copy with one more input.
   *
   * @param name the input's name, e.g. {@code running}
   * @param value its value; rendered with {@link String#valueOf(Object)}
   * @return the copy
   */
  public Decision with(String name, Object value) {
    Map<String, String> copy = new LinkedHashMap<>(inputs);
    copy.put(name, String.valueOf(value));
    return new Decision(fromSlots, desiredSlots, policy, reason, copy, capabilityPools);
  }

  /**
   * A copy carrying pools per capability set.
   *
   * @param pools pools per set
   * @return the copy
   */
  public Decision withCapabilityPools(Map<Set<String>, Integer> pools) {
    return new Decision(fromSlots, desiredSlots, policy, reason, inputs, pools);
  }

  /** Whether it keeps the concurrency. */
  public boolean isHold() {
    return desiredSlots == fromSlots;
  }

  /** Whether it adds slots. */
  public boolean isGrow() {
    return desiredSlots > fromSlots;
  }

  /** Whether it removes slots. */
  public boolean isShrink() {
    return desiredSlots < fromSlots;
  }
}
