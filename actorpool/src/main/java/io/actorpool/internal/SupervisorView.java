package io.actorpool.internal;

import io.actorpool.LoadSnapshot;
import io.actorpool.PoolStatus;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apache.pekko.annotation.InternalApi;

/**
 * INTERNAL API.
 *
 * <p>What an {@link ObserverActor} has seen of one supervisor: its latest status, the latest
 * load, and its recent events and decisions (without routine worker stops, which listeners still
 * get). The actor writes; JMX threads, metrics gauges and
 * recorders read at any time without waiting for the supervisor, which is why the fields are
 * volatile and the ring buffer is locked rather than owned by the actor.
 */
@InternalApi
public final class SupervisorView {

  /** How many recent events and decisions are kept. */
  public static final int RECENT_KEPT = 50;

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  /** An event or decision and when it was seen. */
  public record Seen(long epochMillis, Object event) {}

  private final String supervisor;
  private final String name;
  private volatile PoolStatus status;
  private volatile LoadSnapshot load;
  private final ArrayDeque<Seen> recent = new ArrayDeque<>();
  private final List<Consumer<Object>> listeners = new CopyOnWriteArrayList<>();

  /**
   * @param supervisor the supervisor's actor path without address, as events carry it
   * @param name the supervisor's name, the last element of its path
   */
  public SupervisorView(String supervisor, String name) {
    this.supervisor = supervisor;
    this.name = name;
  }

  /** The supervisor's actor path without address. */
  public String supervisor() {
    return supervisor;
  }

  /** The supervisor's name. */
  public String name() {
    return name;
  }

  /** The latest status, or null before the first answer. */
  public PoolStatus status() {
    return status;
  }

  /** The latest load, or null while no {@code SystemLoad} has sampled. */
  public LoadSnapshot load() {
    return load;
  }

  /** The recent events and decisions, oldest first. */
  public List<Seen> recent() {
    synchronized (recent) {
      return new ArrayList<>(recent);
    }
  }

  /** The recent events as lines: {@code 12:00:01 target 1 -> 4 (...)}. */
  public List<String> recentLines() {
    List<String> lines = new ArrayList<>();
    for (Seen s : recent()) {
      lines.add(TIME.format(LocalTime.ofInstant(java.time.Instant.ofEpochMilli(s.epochMillis()),
          ZoneId.systemDefault())) + " " + StateLine.describe(s.event()));
    }
    return lines;
  }

  /** The state line of the latest status, or the name and {@code no status yet}. */
  public String stateLine() {
    PoolStatus s = status;
    return s == null ? name + " - no status yet" : StateLine.format(name, s, load);
  }

  /**
   * Adds a listener told, on the observer actor's thread, of every status, load, event and
   * decision it sees; it must be quick and must not throw.
   */
  public void addListener(Consumer<Object> listener) {
    listeners.add(listener);
  }

  void onStatus(PoolStatus s) {
    status = s;
    tell(s);
  }

  void onLoad(LoadSnapshot l) {
    load = l;
    tell(l);
  }

  void onEvent(Object event) {
    if (routine(event)) {
      tell(event);
      return;
    }
    synchronized (recent) {
      if (recent.size() == RECENT_KEPT) {
        recent.poll();
      }
      recent.add(new Seen(System.currentTimeMillis(), event));
    }
    tell(event);
  }

  /**
   * A worker ending with its pool, or after its one job in ephemeral mode, can be one event per
   * job; kept in the recent buffer, they would push the decisions out of it.
   */
  private static boolean routine(Object event) {
    return event instanceof io.actorpool.PoolEvent.WorkerStopped w
        && (w.reason().equals("shutdown") || w.reason().equals("job-done"));
  }

  private void tell(Object o) {
    for (Consumer<Object> l : listeners) {
      l.accept(o);
    }
  }
}
