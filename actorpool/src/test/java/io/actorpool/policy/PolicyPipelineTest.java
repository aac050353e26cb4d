package io.actorpool.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.actorpool.LoadSignal;
import io.actorpool.LoadSnapshot;
import io.actorpool.ScalingDecision;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicyPipelineTest {

  private static final long SECOND = 1_000_000_000L;

  /** A user policy that always fails. Public, with a Config constructor, for custom-policies. */
  public static final class Exploding implements SizingPolicy {
    public Exploding(Config ownBlock) {}

    @Override
    public String name() {
      return "exploding";
    }

    @Override
    public Decision decide(Observation o) {
      throw new IllegalStateException("boom");
    }
  }

  /** A user policy that proposes a fixed size, from its own block. */
  public static final class Fixed implements SizingPolicy {
    private final int slots;

    public Fixed(Config ownBlock) {
      this.slots = ownBlock.getInt("slots");
    }

    @Override
    public String name() {
      return "fixed";
    }

    @Override
    public Decision decide(Observation o) {
      return Decision.to(o, slots).because("fixed", "configured " + slots);
    }
  }

  private static PolicyPipeline pipeline(String snippet) {
    return PolicyPipeline.create(SizingSettings.create(ConfigFactory.parseString(snippet)));
  }

  private static Observation busy(long nanos, int desired, int queued) {
    return Observation.of(nanos, desired, /* workersPerPool= */ 2)
        .withBounds(/* min= */ 2, /* max= */ 40)
        .withJobs(desired, queued);
  }

  @Test
  void overload_vetoesGrowth_whateverDemandSays() {
    PolicyPipeline p = pipeline("sizing.policy = queue");
    Observation o = busy(0, 10, 200)
        .withLoad(LoadSnapshot.of(0, Set.of(LoadSignal.CPU, LoadSignal.MEMORY)));
    ScalingDecision d = p.decide(o);
    assertEquals(11, d.proposals().get("queue"));
    assertEquals(10, d.toSlots());
    assertEquals(PolicyPipeline.OVERLOAD_VETO, d.policy());
    assertTrue(d.reason().startsWith("[cpu, memory] overloaded"), d.reason());
  }

  @Test
  void overloadMemory_stopsGrowthBelowTheOverloadedSize_untilItExpires() {
    PolicyPipeline p = PolicyPipeline.of(List.of(SizingPolicy.queue(10, 1)),
        Stabilizer.Settings.NONE, true, Duration.ofSeconds(120));
    p.decide(busy(0, 8, 200).withLoad(LoadSnapshot.of(0, Set.of(LoadSignal.CPU))));
    // At 7 and no longer overloaded: 8 is refused for two minutes, 7 is not.
    ScalingDecision d = p.decide(busy(30 * SECOND, 7, 200));
    assertEquals(7, d.toSlots());
    assertEquals(PolicyPipeline.OVERLOAD_VETO, d.policy());
    assertTrue(d.reason().startsWith("overloaded at 8 slots PT30S ago"), d.reason());
    assertEquals(7, p.decide(busy(40 * SECOND, 6, 200)).toSlots());
    assertEquals(8, p.decide(busy(120 * SECOND, 7, 200)).toSlots());
  }

  @Test
  void capacity_capsDemand_andOverloadShrinksWithoutWaitingForTheDownWindow() {
    PolicyPipeline p = pipeline("units-per-pool = 1, sizing.policy = [units, load]");
    Observation o = busy(0, 20, 0).withUnits(10)
        .withLoad(LoadSnapshot.of(0, Set.of(LoadSignal.CPU)));
    ScalingDecision d = p.decide(o);
    assertEquals(20, d.proposals().get("units"));
    assertEquals(19, d.toSlots());
    assertEquals("load", d.policy());
  }

  @Test
  void demandShrink_waitsForScaleDownWindow() {
    PolicyPipeline p = pipeline("sizing.policy = queue");
    assertEquals(20, p.decide(busy(0, 20, 180)).toSlots());
    ScalingDecision held = p.decide(busy(10 * SECOND, 20, 0).withJobs(3, 0));
    assertEquals(20, held.toSlots());
    assertEquals(PolicyPipeline.STABILIZATION, held.policy());
    assertEquals(2, p.decide(busy(301 * SECOND, 20, 0).withJobs(3, 0)).toSlots());
  }

  @Test
  void antiThrash_refusesShrinkThatNextTickUndoes() {
    // A user rule with a gap: from 4 it wants 2, and at 2 it wants 4 again.
    SizingPolicy flapper = new SizingPolicy() {
      @Override
      public String name() {
        return "flapper";
      }

      @Override
      public Decision decide(Observation o) {
        int c = o.desiredSlots();
        return Decision.to(o, c >= 4 ? c - 2 : c + 2).because("flapper", "flaps");
      }
    };
    ScalingDecision d = PolicyPipeline.of(List.of(flapper),
        Stabilizer.Settings.NONE.withAntiThrash(true), true)
        .decide(Observation.of(0, 4, 1).withBounds(1, 10));
    assertEquals(4, d.toSlots());
    assertEquals(PolicyPipeline.ANTI_THRASH, d.policy());
    assertTrue(d.reason().contains("flapper then proposes 4"), d.reason());
    // With the check off, it flaps.
    assertEquals(2, PolicyPipeline.of(List.of(flapper), Stabilizer.Settings.NONE, true)
        .decide(Observation.of(0, 4, 1).withBounds(1, 10)).toSlots());
  }

  @Test
  void userPolicy_throws_loggedAndTreatedAsHold() {
    PolicyPipeline p = pipeline(
        "sizing { policy = [exploding], custom-policies.exploding = \""
            + Exploding.class.getName() + "\" }");
    ScalingDecision d = p.decide(busy(0, 6, 0));
    assertEquals(6, d.toSlots());
    assertEquals("exploding", d.policy());
    assertTrue(d.reason().contains("failed, holding: java.lang.IllegalStateException: boom"),
        d.reason());
    // and keeps working on the next tick
    assertEquals(6, p.decide(busy(SECOND, 6, 0)).toSlots());
  }

  @Test
  void customPolicy_byClassName_getsItsOwnBlock() {
    PolicyPipeline p = pipeline("sizing { policy = [fixed], fixed.slots = 12,"
        + " custom-policies.fixed = \"" + Fixed.class.getName() + "\" }");
    ScalingDecision d = p.decide(busy(0, 6, 0));
    assertEquals(12, d.toSlots());
    assertEquals("fixed", d.policy());
    assertEquals("configured 12", d.reason());
  }

  @Test
  void bounds_clamp_andSayWhy() {
    PolicyPipeline p = pipeline("units-per-pool = 1, sizing.policy = units");
    ScalingDecision d = p.decide(busy(0, 10, 0).withUnits(100));
    assertEquals(40, d.toSlots());
    assertEquals(20, d.pools(2));
    assertEquals("units", d.policy());
    ScalingDecision low = PolicyPipeline.of(List.of(SizingPolicy.queue(10, 1)),
        Stabilizer.Settings.NONE, true).decide(busy(0, 10, 0).withJobs(0, 0));
    assertEquals(2, low.toSlots());
    assertEquals(PolicyPipeline.BOUNDS, low.policy());
    assertTrue(low.reason().contains("queue proposed 0"), low.reason());
  }

  @Test
  void decision_carriesInputsProposalsAndCapabilityPools() {
    PolicyPipeline p = pipeline("sizing.policy = [capability, queue]");
    Observation o = busy(0, 2, 0).withCapabilities(
        List.of(new CapabilityGroup(Set.of("gpu"), 1, 2)), Map.of(Set.of("gpu"), 20));
    ScalingDecision d = p.decide(o);
    assertEquals(Map.of(Set.of("gpu"), 3), d.capabilityPools());
    assertEquals(6, d.toSlots());
    assertEquals("capability", d.policy());
    assertEquals(List.of("capability", "queue"), List.copyOf(d.proposals().keySet()));
    assertEquals("2", d.inputs().get("desired"));
    assertTrue(d.inputs().get("policy.queue").startsWith("2: "), d.inputs().toString());
    assertTrue(d.changed());
    assertEquals("pekko://x/user/pools", d.withSupervisor("pekko://x/user/pools").supervisor());
  }

  @Test
  void defaultPipeline_isUnits_likeThePoolSettingsRule() {
    PolicyPipeline p = PolicyPipeline.create(SizingSettings.create(ConfigFactory.empty()));
    // reference: 10 units per pool; 31 units -> 4 pools of 2 workers.
    ScalingDecision d = p.decide(busy(0, 2, 0).withUnits(31));
    assertEquals(8, d.toSlots());
    assertEquals(4, d.pools(2));
  }

  @Test
  void loadOnlyPipeline_followsCrawleeSteps() {
    PolicyPipeline p = pipeline("sizing.policy = load");
    int desired = 10;
    StringBuilder steps = new StringBuilder().append(desired);
    for (int i = 0; i < 4; i++) {
      desired = p.decide(busy(i * 10 * SECOND, desired, 0)).toSlots();
      steps.append(',').append(desired);
    }
    assertEquals("10,11,12,13,14", steps.toString());
    assertEquals(Duration.ofSeconds(10), SizingSettings.create(ConfigFactory.empty())
        .load().autoscaleInterval());
  }
}
