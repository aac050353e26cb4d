package io.actorpool.top;

import java.util.List;

/**
 * One frame's worth of what the top view shows: read from the {@code PoolSupervisorMXBean}s of a
 * JVM, rendered by {@link TopRenderer}. Immutable.
 *
 * @param target what was attached to: {@code pid 1234} or {@code host:port}
 * @param time the wall-clock time of the reading, {@code HH:mm:ss}
 * @param load the JVM's load line, e.g. {@code cpu 12% mem 40% lag 3ms ok}
 * @param groups one per supervisor (a pool group in a cluster), in name order
 */
public record TopModel(String target, String time, String load, List<Group> groups) {

  public TopModel {
    groups = List.copyOf(groups);
  }

  /**
   * One supervisor.
   *
   * @param supervisor its actor path
   * @param pools one line per pool: {@code pool-1 BUSY jobs=2 workers=4}
   * @param leases one line per active lease
   * @param recent its recent events and decisions, oldest first, each starting {@code HH:mm:ss}
   */
  public record Group(String supervisor, int desired, int total, int idle, int busy, int leased,
      int draining, int queued, int units, int running, int minPools, int maxPools,
      List<String> pools, List<String> leases, List<String> recent) {

    public Group {
      pools = List.copyOf(pools);
      leases = List.copyOf(leases);
      recent = List.copyOf(recent);
    }
  }
}
