package io.actorpool.internal;

import io.actorpool.LeaseInfo;
import io.actorpool.LoadSignal;
import io.actorpool.LoadSnapshot;
import io.actorpool.PoolEvent;
import io.actorpool.PoolInfo;
import io.actorpool.PoolStatus;
import io.actorpool.ScalingDecision;
import java.time.Duration;
import java.util.Locale;
import org.apache.pekko.annotation.InternalApi;

/**
 * INTERNAL API.
 *
 * <p>The one text format of a supervisor's state, used by its periodic log line, its MXBean and
 * the top view, so that all three read the same: the name first, then desired, total, idle,
 * leased, busy, draining, queued and the load, as HikariCP's {@code logPoolState} does for a
 * connection pool. Also one line per pool, lease and event. Pure functions.
 */
@InternalApi
public final class StateLine {

  private StateLine() {}

  /**
   * The state line, e.g. {@code pools - desired=4 total=4 idle=3 leased=1 busy=0 draining=0
   * queued=0 load=cpu 12% mem 40% lag 3ms ok}.
   *
   * @param name the supervisor's name
   * @param s its status
   * @param load the latest load, or null when unknown
   * @return the line
   */
  public static String format(String name, PoolStatus s, LoadSnapshot load) {
    return name + " - desired=" + s.desired() + " total=" + s.total() + " idle=" + s.idle()
        + " leased=" + s.leased() + " busy=" + s.busy() + " draining=" + s.draining()
        + " queued=" + s.queued() + " load=" + load(load);
  }

  /** The load in a few words: {@code cpu 12% mem 40% lag 3ms ok}, or {@code unknown}. */
  public static String load(LoadSnapshot load) {
    if (load == null || Double.isNaN(load.cpu()) && Double.isNaN(load.memory())) {
      return "unknown";
    }
    return "cpu " + percent(load.cpu()) + " mem " + percent(load.memory()) + " lag "
        + load.schedulingLag().toMillis() + "ms "
        + (load.overloaded() ? "OVERLOADED " + load.overloadedSignals().stream()
            .map(LoadSignal::configName).sorted().toList() : "ok");
  }

  /** One pool: {@code pool-1 BUSY jobs=2 workers=4}. */
  public static String pool(PoolInfo p) {
    return p.name() + " " + p.state() + " jobs=" + p.runningJobs() + " workers=" + p.liveWorkers();
  }

  /** One lease: {@code lease-1 pool-2 holder=/user/h soft=12s hard=27s jobs=1}. */
  public static String lease(LeaseInfo l) {
    return l.leaseId() + " " + l.pool() + " holder=" + l.holder() + " soft="
        + seconds(l.untilSoftExpiry()) + " hard=" + seconds(l.untilHardExpiry()) + " jobs="
        + l.runningJobs() + (l.released() ? " released" : "");
  }

  /**
   * One event or decision in a few words with its reason.
   *
   * @param event a {@link PoolEvent} or a {@link ScalingDecision}
   * @return the text, without the supervisor
   */
  public static String describe(Object event) {
    if (event instanceof ScalingDecision d) {
      return "decision " + d.fromSlots() + " -> " + d.toSlots() + " slots by " + d.policy() + ": "
          + d.reason();
    }
    if (!(event instanceof PoolEvent e)) {
      return String.valueOf(event);
    }
    if (e instanceof PoolEvent.TargetChanged t) {
      return "target " + t.previous() + " -> " + t.desired() + " (units " + t.units() + "; "
          + t.reason() + ")";
    } else if (e instanceof PoolEvent.PoolStarted p) {
      return p.pool() + " started";
    } else if (e instanceof PoolEvent.PoolDraining p) {
      return p.pool() + " draining (" + p.runningJobs() + " jobs; " + p.reason() + ")";
    } else if (e instanceof PoolEvent.PoolStopped p) {
      return p.pool() + " stopped";
    } else if (e instanceof PoolEvent.PoolCrashed p) {
      return p.pool() + " crashed: " + p.cause();
    } else if (e instanceof PoolEvent.SignalFailed f) {
      return "signal failed, using " + f.unitsUsed() + " units: " + f.error();
    } else if (e instanceof PoolEvent.SignalRecovered r) {
      return "signal recovered: " + r.units() + " units";
    } else if (e instanceof PoolEvent.WorkerStopped w) {
      return w.pool() + " worker " + w.worker() + " stopped (" + w.reason() + ", " + w.jobs()
          + " jobs)";
    } else if (e instanceof PoolEvent.JobCrashed j) {
      return j.pool() + " job crashed " + j.crashes() + "x" + (j.retried() ? ", retried" : "")
          + ": " + j.cause();
    } else if (e instanceof PoolEvent.LeaseChanged l) {
      return l.leaseId() + " " + l.step().name().toLowerCase(Locale.ROOT).replace('_', ' ')
          + " on " + l.pool() + " (" + l.detail() + ")";
    } else if (e instanceof PoolEvent.LoadChanged l) {
      return l.overloaded() ? "load overloaded by " + l.signals() : "load no longer overloaded";
    }
    return e.toString();
  }

  private static String percent(double ratio) {
    return Double.isNaN(ratio) ? "?" : Math.round(ratio * 100) + "%";
  }

  private static String seconds(Duration d) {
    return Math.max(0, d.toSeconds()) + "s";
  }
}
