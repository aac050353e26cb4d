package io.actorpool.process.internal;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.InputStream;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.annotation.InternalApi;

/**
 * INTERNAL API.
 *
 * <p>The main class of a process pool's child JVM: starts a remote-enabled actor system on
 * 127.0.0.1 with a {@link ChildActor} that joins the parent. The child ends itself when its parent
 * goes away (the parent process exits, or closes the child's stdin), so it never outlives it.
 */
@InternalApi
public final class ChildMain {

  private ChildMain() {}

  public static void main(String[] args) throws IOException {
    ChildSpec spec = ChildSpec.fromArgument(args[0]);
    ProcessHandle.current().parent()
        .ifPresent(p -> p.onExit().thenRun(() -> Runtime.getRuntime().halt(0)));
    Thread stdin = new Thread(() -> {
      try (InputStream in = System.in) {
        while (in.read() >= 0) {
          // The parent never writes; end of stream means it is gone.
        }
      } catch (IOException e) {
        // Same as end of stream.
      }
      Runtime.getRuntime().halt(0);
    }, "parent-watch");
    stdin.setDaemon(true);
    stdin.start();

    Config config = ConfigFactory.parseString(String.join("\n",
        "pekko.actor.provider = remote",
        "pekko.remote.artery.transport = tcp",
        "pekko.remote.artery.canonical.hostname = \"127.0.0.1\"",
        "pekko.remote.artery.canonical.port = 0",
        "pekko.remote.use-unsafe-remote-features-outside-cluster = on",
        "pekko.remote.warn-about-direct-use = off",
        // Log lines go to stdout, which the parent pumps into its own logger.
        "pekko.loggers = [\"org.apache.pekko.event.Logging$DefaultLogger\"]",
        "pekko.logging-filter = \"org.apache.pekko.event.DefaultLoggingFilter\"",
        "pekko.loglevel = WARNING",
        "pekko.stdout-loglevel = WARNING",
        "pekko.log-dead-letters = off",
        "pekko.log-dead-letters-during-shutdown = off",
        "pekko.coordinated-shutdown.exit-jvm = on"))
        .withFallback(ConfigFactory.load());
    ActorSystem system = ActorSystem.create("actorpool-child", config);
    system.actorOf(ChildActor.props(spec), "worker");
  }
}
