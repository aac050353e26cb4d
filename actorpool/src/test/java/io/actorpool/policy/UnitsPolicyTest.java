package io.actorpool.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UnitsPolicyTest {

  @ParameterizedTest(name = "units={0} per={1} min={2} max={3} -> {4}")
  @CsvSource({
    // the seed: min 1, max 5, 10 units per pool
    "0, 10, 1, 5, 1",
    "1, 10, 1, 5, 1",
    "10, 10, 1, 5, 1",
    "11, 10, 1, 5, 2",
    "31, 10, 1, 5, 4",
    "40, 10, 1, 5, 4",
    "41, 10, 1, 5, 5",
    "60, 10, 1, 5, 5",
    // scale to zero
    "0, 7, 0, 3, 0",
    "1, 7, 0, 3, 1",
    "14, 7, 0, 3, 2",
    "15, 7, 0, 3, 3",
    "60, 7, 0, 3, 3",
    // a high floor wins over a small signal
    "12, 5, 2, 8, 3",
    "3, 5, 2, 8, 2",
    "2147483647, 1, 1, 9, 9",
  })
  void desiredPools_table(int units, int perPool, int min, int max, int expected) {
    assertEquals(expected, UnitsPolicy.desiredPools(units, perPool, min, max));
  }

  @ParameterizedTest
  @CsvSource({"-1, 10, 1, 5", "1, 0, 1, 5", "1, 10, -1, 5", "1, 10, 6, 5"})
  void desiredPools_badArguments_throw(int units, int perPool, int min, int max) {
    assertThrows(IllegalArgumentException.class,
        () -> UnitsPolicy.desiredPools(units, perPool, min, max));
  }

  @Test
  void decide_slotsArePoolsTimesWorkers_withinSlotBounds() {
    UnitsPolicy units = new UnitsPolicy(/* unitsPerPool= */ 10);
    Observation o = Observation.of(0, 2, /* workersPerPool= */ 2).withBounds(2, 10).withUnits(31);
    Decision d = units.decide(o);
    // ceil(31 / 10) = 4 pools, but max-pools = 10 / 2 = 5 allows it: 8 slots.
    assertEquals(8, d.desiredSlots());
    assertEquals("units", d.policy());
    assertEquals("4", d.inputs().get("pools"));
    assertEquals(10, units.decide(o.withUnits(400)).desiredSlots());
    assertEquals(2, units.decide(o.withUnits(0)).desiredSlots());
  }
}
