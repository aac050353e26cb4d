package io.actorpool.process.internal;

import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.AbstractExtensionId;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.Extension;
import org.apache.pekko.actor.ExtensionIdProvider;
import org.apache.pekko.annotation.InternalApi;
import org.apache.pekko.remote.RemoteActorRefProvider;

/**
 * INTERNAL API.
 *
 * <p>The remote-enabled actor system through which one user system's process pools reach their
 * children. A system that is already remote-enabled (remote or cluster provider) is used as it
 * is; otherwise one internal bridge system with Artery TCP on 127.0.0.1 and a free port is
 * started on first use, shared by all of that system's process pools, and terminated with it.
 */
@InternalApi
public final class Bridge implements Extension {

  private static final Id ID = new Id();

  private final ActorSystem remote;

  private Bridge(ExtendedActorSystem system) {
    if (system.provider() instanceof RemoteActorRefProvider) {
      remote = system;
    } else {
      remote = ActorSystem.create(system.name() + "-process-bridge", ConfigFactory.parseString(
          String.join("\n",
              "pekko.actor.provider = remote",
              "pekko.remote.artery.transport = tcp",
              "pekko.remote.artery.canonical.hostname = \"127.0.0.1\"",
              "pekko.remote.artery.canonical.port = 0",
              "pekko.log-dead-letters-during-shutdown = off",
              // DeathWatch of the children; they are this JVM's own processes on loopback.
              "pekko.remote.use-unsafe-remote-features-outside-cluster = on",
              "pekko.remote.warn-about-direct-use = off"))
          .withFallback(system.settings().config()));
      system.registerOnTermination(remote::terminate);
    }
  }

  public static Bridge get(ActorSystem system) {
    return ID.get(system);
  }

  /** The remote-enabled system: the user's own, or the bridge. */
  public ActorSystem system() {
    return remote;
  }

  /** Where children find it. */
  public Address address() {
    return ((ExtendedActorSystem) remote).provider().getDefaultAddress();
  }

  /** INTERNAL API. */
  static final class Id extends AbstractExtensionId<Bridge> implements ExtensionIdProvider {
    @Override
    public Bridge createExtension(ExtendedActorSystem system) {
      return new Bridge(system);
    }

    @Override
    public Id lookup() {
      return this;
    }
  }
}
