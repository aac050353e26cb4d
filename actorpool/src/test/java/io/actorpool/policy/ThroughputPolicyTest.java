package io.actorpool.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ThroughputPolicyTest {

  private static final long TICK = Duration.ofSeconds(10).toNanos();

  /** Jobs per second at a concurrency: 10 per slot up to the knee, then flat. */
  private static IntToDoubleFunction flatKnee(int knee) {
    return c -> 10.0 * Math.min(c, knee);
  }

  /** 10 per slot up to the knee, then each extra slot costs half a slot of throughput. */
  private static IntToDoubleFunction contendedKnee(int knee) {
    return c -> c <= knee ? 10.0 * c : Math.max(0, 10.0 * (knee - 0.5 * (c - knee)));
  }

  /** Replays a saturated pool through a throughput-only pipeline, one tick per interval. */
  private static final class Plant {
    final PolicyPipeline pipeline = PolicyPipeline.of(
        List.of(new ThroughputPolicy(ThroughputPolicy.Settings.DEFAULTS)),
        Stabilizer.Settings.NONE, /* overloadVeto= */ true);
    final List<Integer> trajectory = new ArrayList<>();
    final List<String> reasons = new ArrayList<>();
    long completed;
    int desired;
    int tick;

    Plant(int start) {
      desired = start;
      trajectory.add(start);
    }

    void run(IntToDoubleFunction throughput, int ticks) {
      for (int i = 0; i < ticks; i++) {
        Observation o = Observation.of(tick * TICK, desired, /* workersPerPool= */ 1)
            .withBounds(1, 1000)
            .withJobs(desired, /* queued= */ 10_000)
            .withCompletedJobs(completed);
        var d = pipeline.decide(o);
        desired = d.toSlots();
        trajectory.add(desired);
        reasons.add(d.reason());
        completed += Math.round(throughput.applyAsDouble(desired) * 10);
        tick++;
      }
    }
  }

  private static int reversals(List<Integer> t) {
    int reversals = 0;
    int direction = 0;
    for (int i = 1; i < t.size(); i++) {
      int step = Integer.signum(t.get(i) - t.get(i - 1));
      if (step != 0) {
        if (direction != 0 && step != direction) {
          reversals++;
        }
        direction = step;
      }
    }
    return reversals;
  }

  @ParameterizedTest(name = "knee={0} contended={1}")
  @CsvSource({"20, false", "20, true", "7, false", "200, false", "200, true"})
  void converge_syntheticKnee_noReversals(int knee, boolean contended) {
    Plant plant = new Plant(/* start= */ 2);
    plant.run(contended ? contendedKnee(knee) : flatKnee(knee), 80);
    List<Integer> t = plant.trajectory;
    int last = t.get(t.size() - 1);
    assertEquals(0, reversals(t), () -> "trajectory " + t);
    // Settled past the knee by at most alpha plus one step (0.03 + 0.1 of the size), plus one.
    assertTrue(last >= knee && last <= Math.ceil(knee * 1.15) + 1, () -> "trajectory " + t);
    // ... and stays there.
    assertEquals(List.of(last, last, last, last, last, last, last, last, last, last),
        t.subList(t.size() - 10, t.size()), () -> "trajectory " + t);
  }

  @Test
  void converge_knee20_exactSteps() {
    Plant plant = new Plant(2);
    plant.run(flatKnee(20), 18);
    // +1 while ceil(0.1 x slots) is 1, then +2; at 21 one slot is idle: hold.
    assertEquals(List.of(2, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 21, 21, 21, 21),
        plant.trajectory);
    assertTrue(plant.reasons.get(17).contains("at the knee"), plant.reasons.get(17));
  }

  @Test
  void kneeMovesDown_shrinksToNewKneeThenSettles() {
    Plant plant = new Plant(2);
    plant.run(flatKnee(20), 30);
    assertEquals(21, plant.desired);
    plant.run(flatKnee(10), 9);
    // The first interval still ran on the old curve. Then 21 slots deliver 10 slots' worth:
    // 11 idle > beta 4.2 -> ceil(10 + 0.63) = 11. The base is re-learned at 11 (it looks like a
    // per-slot rate of 100/11), one step up to 13 finds 2 idle slots: hold there.
    assertEquals(List.of(21, 21, 11, 13, 13, 13, 13, 13, 13, 13),
        plant.trajectory.subList(30, 40));
    plant.run(flatKnee(10), 20);
    assertEquals(13, plant.desired);
  }

  @Test
  void notBusy_holdsAndLearnsNothing() {
    ThroughputPolicy policy = new ThroughputPolicy(ThroughputPolicy.Settings.DEFAULTS);
    Observation o = Observation.of(0, 10, 1).withJobs(3, 0);
    policy.decide(o);
    Decision d = policy.decide(o.withNanos(TICK).withCompletedJobs(300));
    assertTrue(d.isHold());
    assertTrue(d.reason().startsWith("not busy"), d.reason());
    assertTrue(policy.peek(o).reason().contains("no measurement"));
  }
}
