package io.actorpool;

import java.util.Objects;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;

/**
 * Subscribes an actor to a {@link SystemLoad} actor: it then receives every new {@link
 * LoadSnapshot}, one per sample interval, until it sends {@link UnsubscribeLoad} or terminates
 * (subscribers are watched and removed when they stop). Subscribing twice has no further effect.
 *
 * @param subscriber the actor that receives the snapshots
 */
public record SubscribeLoad(ActorRef subscriber) implements NoSerializationVerificationNeeded {

  /**
   * Checks the subscriber.
   *
   * @throws NullPointerException if {@code subscriber} is null
   */
  public SubscribeLoad {
    Objects.requireNonNull(subscriber, "subscriber");
  }
}
