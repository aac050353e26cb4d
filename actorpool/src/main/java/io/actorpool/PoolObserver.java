package io.actorpool;

import io.actorpool.internal.ObserverActor;
import io.actorpool.internal.SupervisorView;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.PoisonPill;

/**
 * Watches one running {@code PoolSupervisor} from the outside and keeps what it sees readable from
 * any thread: its latest {@link PoolStatus} (refreshed after every pool or lease event and at
 * least every {@code refresh}), the latest {@link LoadSnapshot} of the JVM, and its recent {@link
 * PoolEvent}s and {@link ScalingDecision}s. Metrics binders, recorders and dashboards build on it;
 * reading it never sends the supervisor a message or waits for it.
 *
 * <pre>{@code
 * try (PoolObserver observer = PoolObserver.watch(system, pools)) {
 *   observer.onEvery(e -> { if (e instanceof PoolEvent.TargetChanged t) ... });
 *   ...
 *   observer.status().ifPresent(s -> System.out.println(s.desired()));
 * }
 * }</pre>
 *
 * <p>The observer is an actor of {@code system}; it stops by itself when the supervisor stops, or
 * on {@link #close()}. Thread-safe.
 */
public final class PoolObserver implements AutoCloseable {

  private final ActorRef actor;
  private final SupervisorView view;

  private PoolObserver(ActorRef actor, SupervisorView view) {
    this.actor = actor;
    this.view = view;
  }

  /**
   * Watches {@code supervisor}, refreshing its status at least once a second.
   *
   * @param system the supervisor's actor system
   * @param supervisor the supervisor
   * @return the observer
   */
  public static PoolObserver watch(ActorSystem system, ActorRef supervisor) {
    return watch(system, supervisor, Duration.ofSeconds(1));
  }

  /**
   * Watches {@code supervisor}, refreshing its status at least every {@code refresh}.
   *
   * @param system the supervisor's actor system
   * @param supervisor the supervisor
   * @param refresh how often to ask for the status when nothing happens; positive
   * @return the observer
   * @throws IllegalArgumentException if {@code refresh} is not positive
   */
  public static PoolObserver watch(ActorSystem system, ActorRef supervisor, Duration refresh) {
    Objects.requireNonNull(system, "system");
    Objects.requireNonNull(supervisor, "supervisor");
    if (refresh.isZero() || refresh.isNegative()) {
      throw new IllegalArgumentException("refresh must be > 0, was: [" + refresh + "]");
    }
    SupervisorView view = new SupervisorView(supervisor.path().toStringWithoutAddress(),
        supervisor.path().name());
    ActorRef actor = system.actorOf(ObserverActor.props(supervisor, view, refresh));
    return new PoolObserver(actor, view);
  }

  /** The supervisor's actor path without address, as {@link PoolEvent#supervisor()} has it. */
  public String supervisor() {
    return view.supervisor();
  }

  /** The latest status; empty until the supervisor first answered. */
  public Optional<PoolStatus> status() {
    return Optional.ofNullable(view.status());
  }

  /** The latest load; empty while no {@code SystemLoad} actor samples in this actor system. */
  public Optional<LoadSnapshot> load() {
    return Optional.ofNullable(view.load());
  }

  /**
   * The supervisor's most recent events and decisions (up to 50), oldest first: {@link
   * PoolEvent}s, including every {@link PoolEvent.LoadChanged} of the system, and {@link
   * ScalingDecision}s.
   */
  public List<Object> recentEvents() {
    return view.recent().stream().map(SupervisorView.Seen::event).toList();
  }

  /** The supervisor's state line, as it logs it every {@code logging-interval}. */
  public String stateLine() {
    return view.stateLine();
  }

  /**
   * Calls {@code listener} with everything the observer sees from now on: each {@link
   * PoolStatus}, {@link LoadSnapshot}, {@link PoolEvent} and {@link ScalingDecision}. It runs on
   * the observer actor's thread, one call at a time, so it must be quick and must not throw.
   *
   * @param listener the listener
   * @return this observer
   */
  public PoolObserver onEvery(Consumer<Object> listener) {
    view.addListener(Objects.requireNonNull(listener, "listener"));
    return this;
  }

  /** Stops watching. Idempotent. */
  @Override
  public void close() {
    actor.tell(PoisonPill.getInstance(), ActorRef.noSender());
  }
}
