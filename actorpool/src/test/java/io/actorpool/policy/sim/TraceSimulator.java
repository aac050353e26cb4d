package io.actorpool.policy.sim;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import io.actorpool.LoadSignal;
import io.actorpool.LoadSnapshot;
import io.actorpool.ScalingDecision;
import io.actorpool.SystemLoadSettings;
import io.actorpool.internal.LoadHistory;
import io.actorpool.policy.Observation;
import io.actorpool.policy.PolicyPipeline;
import io.actorpool.policy.SizingSettings;
import java.io.File;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Replays a load trace through a {@link PolicyPipeline}, offline and deterministically, and prints
 * the trajectory: one line per tick with the inputs, the desired slots and the reason.
 *
 * <p>A trace is one {@code .conf} file per workload under {@code src/test/resources/traces/}:
 *
 * <ul>
 *   <li>{@code actor-pool { ... }}: overrides of the reference {@code actor-pool} block (bounds,
 *       workers-per-pool, {@code sizing.policy} and its blocks);
 *   <li>{@code tick}: the control interval; {@code start-slots}: the desired slots at tick 0;
 *   <li>either {@code phases = [{ ticks, arrivals-per-second, units }]} driving a closed-loop
 *       plant ({@code plant { per-slot-rate, knee, contention, cpu-slots }}: a busy slot completes
 *       per-slot-rate jobs a second up to knee busy slots, each slot past the knee costs
 *       contention slots of throughput, and CPU is busy slots over cpu-slots), so the pipeline's
 *       decisions change what it observes next. The CPU goes through the real {@code
 *       LoadHistory} with Crawlee's limits (0.95, ratio 0.4), one sample per tick, a current
 *       window of one tick and a history of three;
 *   <li>or {@code samples = [{ running, queued, units, completed, overloaded = [cpu] }]}: a
 *       recorded trace replayed open-loop, one sample per tick;
 *   <li>{@code expect { max-reversals, final-slots = [low, high], never-above }}: what the
 *       trajectory must satisfy; checked by {@code TraceSimulatorTest}.
 * </ul>
 *
 * <p>Run one from the command line with {@code TraceSimulator path/to/trace.conf}.
 */
public final class TraceSimulator {

  /**
   * What a run produced.
   *
   * @param trajectory desired slots at tick 0 and after every tick
   * @param decisions the pipeline's decisions, one per tick
   */
  public record Result(List<Integer> trajectory, List<ScalingDecision> decisions) {

    /** Direction changes of the trajectory, ignoring holds. */
    public int reversals() {
      int reversals = 0;
      int direction = 0;
      for (int i = 1; i < trajectory.size(); i++) {
        int step = Integer.signum(trajectory.get(i) - trajectory.get(i - 1));
        if (step != 0) {
          reversals += direction != 0 && step != direction ? 1 : 0;
          direction = step;
        }
      }
      return reversals;
    }

    /** The desired slots after the last tick. */
    public int last() {
      return trajectory.get(trajectory.size() - 1);
    }
  }

  private TraceSimulator() {}

  /**
   * Runs a trace and prints its trajectory.
   *
   * @param trace the trace's root block
   * @param out where the trajectory goes
   * @return the run
   */
  public static Result run(Config trace, PrintStream out) {
    Config actorPool = trace.hasPath("actor-pool")
        ? trace.getConfig("actor-pool") : ConfigFactory.empty();
    Config effective = actorPool.withFallback(
        ConfigFactory.defaultReference().getConfig("actor-pool"));
    PolicyPipeline pipeline = PolicyPipeline.create(SizingSettings.create(actorPool));
    int wpp = effective.getInt("workers-per-pool");
    int minSlots = effective.getInt("min-pools") * wpp;
    int maxSlots = effective.getInt("max-pools") * wpp;
    long tickNanos = trace.getDuration("tick").toNanos();
    double tickSeconds = tickNanos / 1e9;
    int desired = trace.getInt("start-slots");

    List<Integer> trajectory = new ArrayList<>(List.of(desired));
    List<ScalingDecision> decisions = new ArrayList<>();
    out.printf(Locale.ROOT, "# %s%n# policy %s, slots [%d, %d], %d workers per pool%n",
        trace.hasPath("description") ? trace.getString("description") : "",
        effective.getValue("sizing.policy").render(ConfigRenderOptions.concise()), minSlots,
        maxSlots, wpp);
    out.printf(Locale.ROOT, "%4s %6s %7s %7s %6s %5s %9s  %-14s %s%n", "tick", "t[s]", "running",
        "queued", "units", "cpu", "desired", "policy", "reason");

    Plant plant = trace.hasPath("samples") ? null : new Plant(trace.getConfig("plant"));
    LoadHistory load = new LoadHistory(SystemLoadSettings.create(ConfigFactory.empty())
        .withWindows(trace.getDuration("tick").multipliedBy(3), trace.getDuration("tick"))
        .withSampleInterval(trace.getDuration("tick")));
    List<? extends Config> steps = trace.hasPath("samples")
        ? trace.getConfigList("samples") : expand(trace.getConfigList("phases"));
    long completed = 0;
    for (int tick = 0; tick < steps.size(); tick++) {
      Config step = steps.get(tick);
      long now = tick * tickNanos;
      int running;
      int queued;
      double cpu;
      Set<LoadSignal> overloaded = EnumSet.noneOf(LoadSignal.class);
      if (plant != null) {
        plant.advance(desired, step.getDouble("arrivals-per-second"), tickSeconds);
        running = plant.running;
        queued = plant.queued();
        completed = plant.completed;
        cpu = plant.cpu();
      } else {
        running = step.getInt("running");
        queued = step.getInt("queued");
        completed = step.hasPath("completed") ? step.getLong("completed") : completed;
        cpu = Double.NaN;
        if (step.hasPath("overloaded")) {
          for (String s : step.getStringList("overloaded")) {
            overloaded.add(LoadSignal.valueOf(s.toUpperCase(Locale.ROOT).replace('-', '_')));
          }
        }
      }
      int units = step.hasPath("units") ? step.getInt("units") : 0;
      LoadSnapshot snapshot = plant != null
          ? load.record(now, cpuOnly(cpu))
          : LoadSnapshot.of(now, overloaded);
      Observation o = new Observation(now, desired, minSlots, maxSlots, wpp, running, queued,
          units, completed, snapshot, List.of(), Map.of());
      ScalingDecision d = pipeline.decide(o);
      decisions.add(d);
      out.printf(Locale.ROOT, "%4d %6.0f %7d %7d %6d %5.2f %4d->%-4d %-14s %s%n", tick,
          now / 1e9, running, queued, units, cpu, desired, d.toSlots(), d.policy(), d.reason());
      desired = d.toSlots();
      trajectory.add(desired);
    }
    Result result = new Result(trajectory, decisions);
    out.printf(Locale.ROOT, "# final %d slots, %d reversals%n", result.last(), result.reversals());
    return result;
  }

  /**
   * Probe values with every signal at 0 but the CPU.
   *
   * @param cpu the CPU ratio
   * @return a mutable map of values, as {@code LoadHistory.record} takes them
   */
  public static Map<LoadSignal, Double> cpuOnly(double cpu) {
    Map<LoadSignal, Double> values = new EnumMap<>(LoadSignal.class);
    for (LoadSignal s : LoadSignal.values()) {
      values.put(s, 0.0);
    }
    values.put(LoadSignal.CPU, cpu);
    return values;
  }

  /** Phases of {@code ticks} ticks each, as one config per tick. */
  private static List<Config> expand(List<? extends Config> phases) {
    List<Config> ticks = new ArrayList<>();
    for (Config phase : phases) {
      for (int i = 0; i < phase.getInt("ticks"); i++) {
        ticks.add(phase);
      }
    }
    return ticks;
  }

  /** A queue in front of slots whose throughput has a knee; closed-loop. */
  private static final class Plant {
    final double perSlotRate;
    final int knee;
    final double contention;
    final double cpuSlots;
    double backlog;
    int running;
    long completed;

    Plant(Config c) {
      perSlotRate = c.getDouble("per-slot-rate");
      knee = c.getInt("knee");
      contention = c.hasPath("contention") ? c.getDouble("contention") : 0.0;
      cpuSlots = c.getDouble("cpu-slots");
    }

    void advance(int slots, double arrivalsPerSecond, double seconds) {
      backlog += arrivalsPerSecond * seconds;
      int busy = (int) Math.min(slots, Math.ceil(backlog / Math.max(1e-9, perSlotRate * seconds)));
      double effective = busy <= knee ? busy : Math.max(0, knee - contention * (busy - knee));
      double done = Math.min(backlog, effective * perSlotRate * seconds);
      backlog -= done;
      completed += Math.round(done);
      running = backlog >= 1 ? slots : busy;
    }

    int queued() {
      return (int) Math.max(0, Math.round(backlog) - running);
    }

    double cpu() {
      return Math.min(1.0, running / cpuSlots);
    }
  }

  /**
   * Replays the trace files given as arguments and prints their trajectories.
   *
   * @param args paths of {@code .conf} traces
   */
  public static void main(String[] args) {
    for (String path : args) {
      run(ConfigFactory.parseFile(new File(path)).resolve().getConfig("trace"), System.out);
    }
  }
}
