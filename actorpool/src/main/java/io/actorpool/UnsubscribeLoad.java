package io.actorpool;

import java.util.Objects;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;

/**
 * Ends a {@link SubscribeLoad} subscription. Unsubscribing an actor that is not subscribed has no
 * effect.
 *
 * @param subscriber the actor that no longer wants snapshots
 */
public record UnsubscribeLoad(ActorRef subscriber) implements NoSerializationVerificationNeeded {

  /**
   * Checks the subscriber.
   *
   * @throws NullPointerException if {@code subscriber} is null
   */
  public UnsubscribeLoad {
    Objects.requireNonNull(subscriber, "subscriber");
  }
}
