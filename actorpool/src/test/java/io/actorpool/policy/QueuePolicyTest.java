package io.actorpool.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QueuePolicyTest {

  private final QueuePolicy scaler = new QueuePolicy(/* upper= */ 10, /* lower= */ 1);

  @ParameterizedTest(name = "slots={0} running={1} queued={2} -> {3}")
  @CsvSource({
    // no slots: start one when there is work
    "0, 0, 0, 0",
    "0, 0, 5, 1",
    // above 10 jobs per slot: one more slot per decision
    "4, 4, 37, 5",
    "4, 4, 36, 4",
    // inside [1, 10]: hold
    "4, 4, 0, 4",
    "10, 10, 90, 10",
    // below 1: ceil(jobs / 10), or 0 with no jobs
    "20, 15, 0, 2",
    "20, 0, 0, 0",
    "20, 1, 0, 1",
  })
  void decide_table(int slots, int running, int queued, int expected) {
    Observation o = Observation.of(0, slots, 1).withJobs(running, queued);
    assertEquals(expected, scaler.decide(o).desiredSlots());
  }

  @Test
  void shrink_landsInsideHoldBand_notUndoneNextTick() {
    Observation o = Observation.of(0, 20, 1).withJobs(15, 0);
    Decision d = scaler.decide(o);
    assertEquals(2, d.desiredSlots());
    assertTrue(scaler.decide(o.withDesiredSlots(2)).isHold());
  }

  @Test
  void thresholds_invalid_nameKeyAndValue() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new QueuePolicy(1, 10));
    assertTrue(e.getMessage().contains("actor-pool.sizing.queue.lower-task-ratio"));
    assertTrue(e.getMessage().contains("[10.0] >= [1.0]"));
  }
}
