package io.actorpool.testpolicies;

import com.typesafe.config.Config;
import io.actorpool.policy.Decision;
import io.actorpool.policy.Observation;
import io.actorpool.policy.SizingPolicy;

/**
 * A user policy, loaded by class name: a capacity limit of {@code sizing.fixed.slots} slots, so it
 * caps concurrency at once rather than through the demand stabilization window.
 */
public final class FixedSlotsPolicy implements SizingPolicy {

  private final int slots;

  public FixedSlotsPolicy(Config config) {
    this.slots = config.getInt("slots");
  }

  @Override
  public String name() {
    return "fixed";
  }

  @Override
  public Kind kind() {
    return Kind.CAPACITY;
  }

  @Override
  public Decision decide(Observation o) {
    return Decision.to(o, slots).because("fixed", "always " + slots + " slots");
  }
}
