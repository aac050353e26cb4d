package io.actorpool.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StabilizerTest {

  private static final long SECOND = 1_000_000_000L;

  @Test
  void scaleDown_usesHighestRecommendationOfWindow() {
    Stabilizer s = new Stabilizer(Stabilizer.Settings.DEFAULTS);
    assertEquals(8, s.stabilize(0, 8, 8));
    assertEquals(8, s.stabilize(100 * SECOND, 8, 2));
    assertEquals(8, s.stabilize(200 * SECOND, 8, 4));
    assertEquals(8, s.stabilize(299 * SECOND, 8, 2));
    // 300 s after the last 8 it has left the window: the highest left is 4.
    assertEquals(4, s.stabilize(300 * SECOND, 8, 2));
    assertEquals(2, s.stabilize(501 * SECOND, 4, 2));
  }

  @Test
  void scaleUp_zeroWindow_immediate() {
    Stabilizer s = new Stabilizer(Stabilizer.Settings.DEFAULTS);
    assertEquals(2, s.stabilize(0, 2, 2));
    assertEquals(9, s.stabilize(SECOND, 2, 9));
  }

  @Test
  void scaleUp_window_usesLowestRecommendation() {
    Stabilizer s = new Stabilizer(
        new Stabilizer.Settings(Duration.ofSeconds(60), Duration.ZERO, 0, false));
    assertEquals(2, s.stabilize(0, 2, 2));
    assertEquals(2, s.stabilize(30 * SECOND, 2, 9));
    assertEquals(9, s.stabilize(61 * SECOND, 2, 9));
  }

  @Test
  void tolerance_ignoresSmallChanges() {
    Stabilizer s = new Stabilizer(
        new Stabilizer.Settings(Duration.ZERO, Duration.ZERO, 0.1, false));
    assertEquals(20, s.stabilize(0, 20, 22));
    assertEquals(20, s.stabilize(SECOND, 20, 18));
    assertEquals(23, s.stabilize(2 * SECOND, 20, 23));
    assertEquals(17, s.stabilize(3 * SECOND, 20, 17));
  }
}
