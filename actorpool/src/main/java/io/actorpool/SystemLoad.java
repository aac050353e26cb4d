package io.actorpool;

import io.actorpool.internal.SystemLoadActor;
import java.util.List;
import java.util.Objects;
import org.apache.pekko.actor.Props;

/**
 * The actor that samples CPU, memory, scheduling lag and GC time and decides when the JVM is
 * overloaded, the way Crawlee's {@code Snapshotter} and {@code SystemStatus} do.
 *
 * <p>Start one per actor system (or per dispatcher whose lag you want to watch):
 *
 * <pre>{@code
 * ActorRef load = system.actorOf(SystemLoad.props(), "system-load");
 * load.tell(new SubscribeLoad(listener), ActorRef.noSender());   // every new LoadSnapshot
 * Patterns.ask(load, GetLoad.INSTANCE, timeout);                 // the latest LoadSnapshot
 * }</pre>
 *
 * <p>Protocol: {@link GetLoad} replies the latest {@link LoadSnapshot}; {@link SubscribeLoad} and
 * {@link UnsubscribeLoad} manage subscribers, which receive one snapshot per {@code
 * sample-interval}. A probe that fails makes its signal unknown (never overloaded) and is logged at
 * most once a minute; the actor keeps running. Settings: {@code actor-pool.system-load}.
 */
public final class SystemLoad {

  private SystemLoad() {}

  /**
   * The actor with the settings of {@code actor-pool.system-load} of the system it is started in,
   * and the built-in probes.
   *
   * @return the props
   */
  public static Props props() {
    return Props.create(SystemLoadActor.class,
        () -> new SystemLoadActor(null, List.of(), Ticker.systemTicker()));
  }

  /**
   * The actor with explicit settings and the built-in probes.
   *
   * @param settings the settings
   * @return the props
   */
  public static Props props(SystemLoadSettings settings) {
    return props(settings, List.of(), Ticker.systemTicker());
  }

  /**
   * The actor with explicit settings, where each given probe replaces the built-in of its signal.
   *
   * @param settings the settings
   * @param probes the probes; each is called from inside one actor only, so a stateful probe must
   *     not be shared by two actors
   * @return the props
   */
  public static Props props(SystemLoadSettings settings, List<LoadProbe> probes) {
    return props(settings, probes, Ticker.systemTicker());
  }

  /**
   * The actor with explicit settings, probes and time source, for deterministic tests.
   *
   * @param settings the settings
   * @param probes probes that replace the built-ins of their signals
   * @param ticker the time of timestamps, windows and the scheduling lag
   * @return the props
   */
  public static Props props(SystemLoadSettings settings, List<LoadProbe> probes, Ticker ticker) {
    Objects.requireNonNull(settings, "settings");
    List<LoadProbe> copy = List.copyOf(probes);
    Objects.requireNonNull(ticker, "ticker");
    return Props.create(SystemLoadActor.class, () -> new SystemLoadActor(settings, copy, ticker));
  }
}
