package io.actorpool.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CapabilityPolicyTest {

  private static final Set<String> CPU = Set.of("cpu");
  private static final Set<String> GPU = Set.of("gpu");
  private static final Set<String> GPU_FP64 = Set.of("gpu", "fp64");

  private final CapabilityPolicy scaler = new CapabilityPolicy(/* upper= */ 5, /* lower= */ 0.5);

  private static Observation observe(int wpp, List<CapabilityGroup> groups,
      Map<Set<String>, Integer> queued) {
    int pools = groups.stream().mapToInt(CapabilityGroup::pools).sum();
    return Observation.of(0, pools * wpp, wpp).withCapabilities(groups, queued);
  }

  @Test
  void sets_scaleIndependently() {
    // cpu: 34 jobs on 4 slots (8.5 per slot > 5) -> ceil(ceil(34 / 5) / 2) = 4 pools;
    // gpu: 1 job on 2 slots (0.5, inside the band) -> holds 1 pool.
    Decision d = scaler.decide(observe(2,
        List.of(new CapabilityGroup(CPU, 2, 4), new CapabilityGroup(GPU, 1, 1)),
        Map.of(CPU, 30)));
    assertEquals(Map.of(CPU, 4, GPU, 1), d.capabilityPools());
    assertEquals(10, d.desiredSlots());
  }

  @Test
  void shrink_idleSet_toZero_butNeverTheLastPoolAbleToServeQueuedJobs() {
    // cpu is idle and goes; gpu has one queued job on an otherwise idle pool and stays.
    Decision d = scaler.decide(observe(4,
        List.of(new CapabilityGroup(CPU, 3, 0), new CapabilityGroup(GPU, 1, 0)),
        Map.of(GPU, 1)));
    assertEquals(Map.of(CPU, 0, GPU, 1), d.capabilityPools());
  }

  @Test
  void queuedJob_servedByIdleSupersetPool_keepsItInsteadOfStartingAnother() {
    // A [gpu] job can run on the live [fp64, gpu] pool; an empty [gpu] group exists too.
    // The live superset pool is kept, no new [gpu] pool is started.
    Decision d = scaler.decide(observe(1,
        List.of(new CapabilityGroup(GPU, 0, 0), new CapabilityGroup(GPU_FP64, 1, 0)),
        Map.of(GPU, 1)));
    assertEquals(Map.of(GPU, 0, GPU_FP64, 1), d.capabilityPools());
  }

  @Test
  void newRequirement_noCapableGroup_startsOneWithExactlyThatSet() {
    Decision d = scaler.decide(observe(2, List.of(new CapabilityGroup(CPU, 1, 1)),
        Map.of(GPU, 3)));
    assertEquals(Map.of(CPU, 1, GPU, 1), d.capabilityPools());
    assertTrue(d.reason().contains("[gpu] 0 -> 1 pools"), d.reason());
  }

  @Test
  void lastCapablePool_neverShut_overManyTicks() {
    // The [gpu] group keeps a queued job for ten ticks with nothing running: it never drops to 0.
    int pools = 3;
    for (int tick = 0; tick < 10; tick++) {
      Decision d = scaler.decide(observe(4, List.of(new CapabilityGroup(GPU, pools, 0)),
          Map.of(GPU, 1)));
      pools = d.capabilityPools().get(GPU);
      assertTrue(pools >= 1, "tick " + tick + ": " + d.reason());
    }
    assertEquals(1, pools);
  }
}
