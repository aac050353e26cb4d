package io.actorpool.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.actorpool.LoadSignal;
import io.actorpool.LoadSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LoadPolicyTest {

  private static final long TICK = Duration.ofSeconds(10).toNanos();

  /** Runs the policy every autoscale interval, feeding back its own desired concurrency. */
  private static List<Integer> run(int start, int ticks, boolean overloaded, boolean allBusy) {
    LoadPolicy policy = new LoadPolicy(LoadPolicy.Settings.CRAWLEE);
    List<Integer> trajectory = new ArrayList<>(List.of(start));
    int desired = start;
    for (int i = 1; i <= ticks; i++) {
      long now = i * TICK;
      Observation o = Observation.of(now, desired, /* workersPerPool= */ 1)
          .withBounds(/* min= */ 1, /* max= */ 100)
          .withJobs(allBusy ? desired : 0, 0)
          .withLoad(LoadSnapshot.of(now, overloaded ? Set.of(LoadSignal.CPU) : Set.of()));
      desired = policy.decide(o).desiredSlots();
      trajectory.add(desired);
    }
    return trajectory;
  }

  @Test
  void grow_allBusy_addsStepRatio() {
    // Crawlee from desired 10: +ceil(0.05 x d) each interval, so +1 up to 20, then +2 from 21.
    assertEquals(List.of(10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 23, 25, 27),
        run(10, 14, /* overloaded= */ false, /* allBusy= */ true));
  }

  @Test
  void shrink_overloaded_removesStepRatio() {
    assertEquals(List.of(40, 38, 36, 34, 32, 30, 28, 26, 24, 22, 20, 19, 18),
        run(40, 12, /* overloaded= */ true, /* allBusy= */ true));
  }

  @Test
  void shrink_overloadedAtMin_holds() {
    assertEquals(List.of(1, 1, 1), run(1, 2, /* overloaded= */ true, /* allBusy= */ true));
  }

  @Test
  void hold_runningBelowDesiredConcurrencyRatio() {
    LoadPolicy policy = new LoadPolicy(LoadPolicy.Settings.CRAWLEE);
    // floor(0.9 x 10) = 9: 8 running holds, 9 running grows.
    Observation o = Observation.of(0, 10, 1).withBounds(1, 100).withJobs(8, 0);
    Decision d = policy.decide(o);
    assertTrue(d.isHold(), d.reason());
    assertTrue(d.reason().contains("running 8 < floor(0.9 x 10) = 9"), d.reason());
    assertEquals(11, policy.decide(o.withNanos(TICK).withJobs(9, 0)).desiredSlots());
  }

  @Test
  void decide_withinAutoscaleInterval_holds() {
    LoadPolicy policy = new LoadPolicy(LoadPolicy.Settings.CRAWLEE);
    Observation o = Observation.of(0, 10, 1).withBounds(1, 100).withJobs(10, 0);
    assertEquals(11, policy.decide(o).desiredSlots());
    Decision early = policy.decide(o.withNanos(TICK - 1).withDesiredSlots(11));
    assertTrue(early.isHold());
    assertTrue(early.reason().startsWith("waiting for autoscale-interval"), early.reason());
    // peek ignores the interval: it says what the rule would do when allowed.
    assertEquals(12, policy.peek(o.withNanos(TICK - 1).withDesiredSlots(11)).desiredSlots());
    assertEquals(12, policy.decide(o.withNanos(TICK).withDesiredSlots(11)).desiredSlots());
  }

  @Test
  void grow_atMax_holds() {
    LoadPolicy policy = new LoadPolicy(LoadPolicy.Settings.CRAWLEE);
    Decision d = policy.decide(Observation.of(0, 100, 1).withBounds(1, 100).withJobs(100, 0));
    assertTrue(d.isHold());
  }
}
