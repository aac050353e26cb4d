package io.actorpool.process.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.annotation.InternalApi;

/**
 * INTERNAL API.
 *
 * <p>The last resort against orphaned children: every live child JVM is listed here, and a JVM
 * shutdown hook kills whatever is still listed when this JVM exits without having stopped its
 * pools (a {@code System.exit} with the actor system still up, for instance).
 */
@InternalApi
final class Reaper {

  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      for (Process p : LIVE) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
      }
    }, "actorpool-process-reaper"));
  }

  private Reaper() {}

  static void track(Process p) {
    LIVE.add(p);
    p.onExit().thenRun(() -> LIVE.remove(p));
  }
}
