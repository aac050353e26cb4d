package io.actorpool.internal;

import io.actorpool.GetPoolStatus;
import io.actorpool.LoadSnapshot;
import io.actorpool.PoolEvent;
import io.actorpool.PoolSettings;
import io.actorpool.PoolStatus;
import io.actorpool.ScalingDecision;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import javax.management.InstanceAlreadyExistsException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.pekko.actor.AbstractActorWithTimers;
import org.apache.pekko.actor.ActorContext;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.Props;
import org.apache.pekko.actor.Terminated;
import org.apache.pekko.annotation.InternalApi;
import org.apache.pekko.event.Logging;
import org.apache.pekko.event.LoggingAdapter;

/**
 * INTERNAL API.
 *
 * <p>Watches one supervisor from the outside so that observing it never slows it down: keeps a
 * {@link SupervisorView} fresh (its status at least every {@code refresh} and after every pool or
 * lease event, its events and decisions, the latest load from the event stream), logs the state
 * line every {@code logging-interval}, and registers the supervisor's MXBean while it runs.
 *
 * <p>Each supervisor starts one as its child in {@code preStart} through {@link #startFor}, which
 * registers the MXBean then; the child unregisters it when it stops with the supervisor. A failure
 * here (say, JMX refusing the name) is logged and stays here. {@code PoolObserver} starts more of them for metrics and recorders.
 */
@InternalApi
public final class ObserverActor extends AbstractActorWithTimers {

  /** How often the status is refreshed when nothing happens. */
  public static final Duration REFRESH = Duration.ofSeconds(1);

  /** The JMX domain and type of every supervisor's MXBean. */
  public static final String OBJECT_NAME_PREFIX = "io.actorpool:type=PoolSupervisor,name=";

  private enum Refresh {
    INSTANCE
  }

  private enum LogTick {
    INSTANCE
  }

  private final LoggingAdapter log = Logging.getLogger(getContext().getSystem(), this);
  private final ActorRef supervisor;
  private final SupervisorView view;
  private final Duration refresh;
  private final Duration loggingInterval;
  /** The supervisor's MXBean, registered before this actor started; null if none. */
  private final ObjectName registered;
  private boolean logNextStatus;

  private ObserverActor(ActorRef supervisor, SupervisorView view, Duration refresh,
      Duration loggingInterval, ObjectName registered) {
    this.supervisor = supervisor;
    this.view = view;
    this.refresh = refresh;
    this.loggingInterval = loggingInterval;
    this.registered = registered;
  }

  /**
   * INTERNAL API: an observer that only keeps {@code view} fresh.
   *
   * @param supervisor the supervisor to watch
   * @param view where to keep what it sees
   * @param refresh how often to refresh the status
   */
  public static Props props(ActorRef supervisor, SupervisorView view, Duration refresh) {
    return Props.create(ObserverActor.class,
        () -> new ObserverActor(supervisor, view, refresh, null, null));
  }

  /**
   * INTERNAL API: called in a supervisor's {@code preStart}. Registers its MXBean at once (so it
   * is there as soon as the supervisor has started) if {@code settings.jmx()}, and starts the
   * observer as its child, which logs the state line and unregisters the MXBean when it stops.
   *
   * @param context the supervisor's context
   * @param settings the supervisor's settings
   * @return the observer
   */
  public static ActorRef startFor(ActorContext context, PoolSettings settings) {
    ActorRef self = context.self();
    SupervisorView view = new SupervisorView(self.path().toStringWithoutAddress(),
        self.path().name());
    ObjectName registered = settings.jmx() ? register(context, self, view) : null;
    return context.actorOf(Props.create(ObserverActor.class, () -> new ObserverActor(self, view,
        REFRESH, settings.loggingInterval().orElse(null), registered)), "observer");
  }

  /** Registers the MXBean; a failure is logged and leaves the supervisor without one. */
  private static ObjectName register(ActorContext context, ActorRef self, SupervisorView view) {
    ObjectName name = objectName(context.system(), self);
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    LoggingAdapter log = Logging.getLogger(context.system(), ObserverActor.class);
    try {
      server.registerMBean(new PoolSupervisorJmx(self, view), name);
      return name;
    } catch (InstanceAlreadyExistsException e) {
      // Another actor system in this JVM with the same name and path: the first one keeps it.
      log.warning("{} has no MXBean: {} is already registered", view.name(), name);
    } catch (JMException | RuntimeException e) {
      // A security manager or a broken MBean server must not stop the supervisor from starting.
      log.warning("{} has no MXBean: {}", view.name(), e.toString());
    }
    return null;
  }

  /**
   * The MXBean name of a supervisor: its actor path with its node's address, quoted. A local
   * path alone ({@code pekko://ActorPool/...}) would be the same for every cluster node in one
   * JVM.
   */
  public static ObjectName objectName(ActorSystem system, ActorRef supervisor) {
    Address address = ((ExtendedActorSystem) system).provider().getDefaultAddress();
    String path = supervisor.path().toStringWithAddress(address);
    try {
      return new ObjectName(OBJECT_NAME_PREFIX + ObjectName.quote(path));
    } catch (JMException e) {
      throw new IllegalArgumentException("no JMX name for " + path, e);
    }
  }

  @Override
  public void preStart() {
    var events = getContext().getSystem().getEventStream();
    events.subscribe(getSelf(), PoolEvent.class);
    events.subscribe(getSelf(), ScalingDecision.class);
    events.subscribe(getSelf(), LoadSnapshot.class);
    getContext().watch(supervisor);
    getTimers().startTimerWithFixedDelay(Refresh.INSTANCE, Refresh.INSTANCE, refresh);
    if (loggingInterval != null) {
      getTimers().startTimerWithFixedDelay(LogTick.INSTANCE, LogTick.INSTANCE, loggingInterval);
    }
    supervisor.tell(GetPoolStatus.INSTANCE, getSelf());
  }

  @Override
  public void postStop() {
    getContext().getSystem().getEventStream().unsubscribe(getSelf());
    if (registered != null) {
      try {
        ManagementFactory.getPlatformMBeanServer().unregisterMBean(registered);
      } catch (JMException e) {
        log.debug("{} MXBean was already unregistered: {}", view.name(), e);
      }
    }
  }

  /** A restart keeps the MXBean: it reads the same view, which the new instance keeps fresh. */
  @Override
  public void preRestart(Throwable reason, java.util.Optional<Object> message) {
    getContext().getSystem().getEventStream().unsubscribe(getSelf());
  }

  @Override
  public Receive createReceive() {
    return receiveBuilder()
        .match(PoolStatus.class, this::onStatus)
        .match(PoolEvent.class, this::onEvent)
        .match(ScalingDecision.class, d -> {
          if (d.supervisor().equals(view.supervisor())) {
            view.onEvent(d);
          }
        })
        .match(LoadSnapshot.class, view::onLoad)
        .matchEquals(Refresh.INSTANCE, r -> supervisor.tell(GetPoolStatus.INSTANCE, getSelf()))
        .matchEquals(LogTick.INSTANCE, t -> {
          logNextStatus = true;
          supervisor.tell(GetPoolStatus.INSTANCE, getSelf());
        })
        .match(Terminated.class, t -> getContext().stop(getSelf()))
        .build();
  }

  private void onStatus(PoolStatus status) {
    view.onStatus(status);
    if (logNextStatus) {
      logNextStatus = false;
      log.info(StateLine.format(view.name(), status, view.load()));
    }
  }

  private void onEvent(PoolEvent event) {
    if (event instanceof PoolEvent.LoadChanged) {
      view.onEvent(event);
    } else if (event.supervisor().equals(view.supervisor())) {
      view.onEvent(event);
      // Worker turnover can be one event per job; the status does not need that pace.
      if (!(event instanceof PoolEvent.WorkerStopped || event instanceof PoolEvent.JobCrashed)) {
        supervisor.tell(GetPoolStatus.INSTANCE, getSelf());
      }
    }
  }
}
