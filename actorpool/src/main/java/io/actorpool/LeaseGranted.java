package io.actorpool;

import java.util.Objects;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;

/**
 * Reply to {@link AcquireLease}: the pool is yours until the lease ends.
 *
 * @param executor the handle that runs work on the leased pool
 */
public record LeaseGranted(LeasedExecutor executor) implements NoSerializationVerificationNeeded {
  public LeaseGranted {
    Objects.requireNonNull(executor, "executor");
  }
}
