package io.actorpool.internal;

import io.actorpool.GetLoad;
import io.actorpool.LoadProbe;
import io.actorpool.LoadSignal;
import io.actorpool.LoadSnapshot;
import io.actorpool.PoolEvent;
import io.actorpool.SubscribeLoad;
import io.actorpool.SystemLoadSettings;
import io.actorpool.Ticker;
import io.actorpool.UnsubscribeLoad;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.AbstractActorWithTimers;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.DeadLetterSuppression;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.Terminated;
import org.apache.pekko.annotation.InternalApi;
import org.apache.pekko.event.Logging;
import org.apache.pekko.event.LoggingAdapter;
import scala.concurrent.ExecutionContext;

/**
 * INTERNAL API. The actor behind {@code SystemLoad.props(...)}: reads every probe each {@code
 * sample-interval}, keeps the history and publishes a {@link LoadSnapshot} to its subscribers.
 *
 * <p>The scheduling-lag probe is a task scheduled with {@code scheduleOnce} on the configured
 * dispatcher; its lag is when it ran minus when it was due. The next probe is scheduled only after
 * the previous one reported, so a starved dispatcher shows up as a growing lag, read at each sample
 * from the still-pending probe, rather than as a pile of queued probes.
 */
@InternalApi
public final class SystemLoadActor extends AbstractActorWithTimers {

  /** A failing probe is logged at most this often, per signal. */
  private static final long LOG_FAILURE_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

  private static final String SAMPLE_TIMER = "sample";

  /* ---- internal messages ---- */

  private enum SampleTick implements NoSerializationVerificationNeeded {
    INSTANCE
  }

  private record LagMeasured(long dueNanos, long ranNanos)
      implements NoSerializationVerificationNeeded, DeadLetterSuppression {}

  /* ---- state ---- */

  private final LoggingAdapter log = Logging.getLogger(getContext().getSystem(), this);
  private final SystemLoadSettings settings;
  private final Map<LoadSignal, LoadProbe> probes = new EnumMap<>(LoadSignal.class);
  private final Ticker ticker;
  private final LoadHistory history;
  private final Set<ActorRef> subscribers = new LinkedHashSet<>();
  private final Map<LoadSignal, Long> lastFailureLog = new EnumMap<>(LoadSignal.class);
  private final ExecutionContext lagDispatcher;

  private LoadSnapshot latest;
  private Cancellable pendingLagProbe;
  private long pendingLagDueNanos;
  private double lagMillis;
  private boolean lagMeasuredSinceSample;

  /**
   * INTERNAL API. Use {@code SystemLoad.props(...)}.
   *
   * @param settings the settings, or null to read {@code actor-pool.system-load} of the system
   * @param injected probes that replace the built-ins of their signals
   * @param ticker the time source of timestamps, windows and the lag
   */
  public SystemLoadActor(SystemLoadSettings settings, List<LoadProbe> injected, Ticker ticker) {
    this.settings = settings != null ? settings : SystemLoadSettings.create(getContext().getSystem());
    this.ticker = ticker;
    this.history = new LoadHistory(this.settings);
    for (LoadProbe p : LoadProbe.builtIns()) {
      probes.put(p.signal(), p);
    }
    for (LoadProbe p : injected) {
      probes.put(p.signal(), p);
    }
    String dispatcher = this.settings.schedulingLagDispatcher();
    // Looked up now, so a wrong dispatcher name fails the actor at start, not at the first probe.
    this.lagDispatcher = dispatcher.isEmpty()
        ? getContext().getDispatcher()
        : getContext().getSystem().dispatchers().lookup(dispatcher);
    this.latest = LoadSnapshot.unknown(ticker.read());
  }

  @Override
  public void preStart() {
    // The lag probe is due before the first sample reads it; otherwise that sample would count
    // the whole ticker time as lag and report a spurious scheduling-lag overload.
    if (!probes.containsKey(LoadSignal.SCHEDULING_LAG)) {
      scheduleLagProbe();
    }
    sample();
    getTimers().startTimerWithFixedDelay(SAMPLE_TIMER, SampleTick.INSTANCE,
        settings.sampleInterval());
  }

  @Override
  public void postStop() {
    if (pendingLagProbe != null) {
      pendingLagProbe.cancel();
    }
  }

  @Override
  public Receive createReceive() {
    return receiveBuilder()
        .match(SampleTick.class, t -> sample())
        .match(LagMeasured.class, this::onLag)
        .matchEquals(GetLoad.INSTANCE, g -> getSender().tell(latest, getSelf()))
        .match(SubscribeLoad.class, s -> {
          if (subscribers.add(s.subscriber())) {
            getContext().watch(s.subscriber());
          }
        })
        .match(UnsubscribeLoad.class, u -> {
          if (subscribers.remove(u.subscriber())) {
            getContext().unwatch(u.subscriber());
          }
        })
        .match(Terminated.class, t -> subscribers.remove(t.getActor()))
        .build();
  }

  /* ---- sampling ---- */

  private void sample() {
    long now = ticker.read();
    Map<LoadSignal, Double> values = new EnumMap<>(LoadSignal.class);
    for (LoadProbe probe : probes.values()) {
      try {
        double v = probe.read();
        if (Double.isNaN(v) || v < 0) {
          throw new IllegalStateException("probe returned [" + v + "]");
        }
        values.put(probe.signal(), v);
      } catch (Exception e) {
        logFailure(probe.signal(), now, e);
      }
    }
    if (!probes.containsKey(LoadSignal.SCHEDULING_LAG)) {
      values.put(LoadSignal.SCHEDULING_LAG, currentLagMillis(now));
    }
    boolean wasOverloaded = latest.overloaded();
    latest = history.record(now, values);
    for (ActorRef s : subscribers) {
      s.tell(latest, getSelf());
    }
    publishOnEventStream(wasOverloaded);
  }

  /**
   * Every sample also goes to the event stream, so observers (the state line, JMX, metrics) see
   * the latest load without knowing which actor samples it; a flip of the verdict is an event.
   */
  private void publishOnEventStream(boolean wasOverloaded) {
    var events = getContext().getSystem().getEventStream();
    events.publish(latest);
    if (latest.overloaded() != wasOverloaded) {
      List<String> signals = latest.overloadedSignals().stream().map(LoadSignal::configName)
          .sorted().toList();
      log.info("{}: load {} {}", getSelf().path(),
          latest.overloaded() ? "overloaded by" : "no longer overloaded", signals);
      events.publish(new PoolEvent.LoadChanged(getSelf().path().toStringWithoutAddress(),
          latest.overloaded(), signals, latest.cpu(), latest.memory()));
    }
  }

  private void logFailure(LoadSignal signal, long now, Exception e) {
    Long last = lastFailureLog.get(signal);
    // Throttled per signal: a broken probe fails every second and must not flood the log.
    if (last == null || now - last >= LOG_FAILURE_EVERY_NANOS) {
      lastFailureLog.put(signal, now);
      log.warning("{}: load probe for [{}] failed, reporting it as unknown: {}",
          getSelf().path(), signal.configName(), e.toString());
    }
  }

  /* ---- scheduling lag ---- */

  private void scheduleLagProbe() {
    Duration delay = settings.schedulingLagInterval();
    long due = ticker.read() + delay.toNanos();
    ActorRef self = getSelf();
    Ticker t = ticker;
    pendingLagDueNanos = due;
    pendingLagProbe = getContext().getSystem().scheduler().scheduleOnce(delay,
        () -> self.tell(new LagMeasured(due, t.read()), ActorRef.noSender()), lagDispatcher);
  }

  private void onLag(LagMeasured m) {
    double lag = Math.max(0, m.ranNanos() - m.dueNanos()) / 1e6;
    // The worst lag since the last sample, as a sample covers several probes.
    lagMillis = lagMeasuredSinceSample ? Math.max(lagMillis, lag) : lag;
    lagMeasuredSinceSample = true;
    scheduleLagProbe();
  }

  private double currentLagMillis(long now) {
    double lag = lagMillis;
    if (!lagMeasuredSinceSample && now > pendingLagDueNanos) {
      // The probe has not run yet although it is overdue: its lag is at least this much.
      lag = Math.max(lag, (now - pendingLagDueNanos) / 1e6);
    }
    lagMeasuredSinceSample = false;
    return lag;
  }
}
