package io.actorpool.samples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The operations page's sample shows what the page says it shows. */
class OperationsTest {

  @Test
  void main_printsEventsStateLineJmxMetricsAndTheRefusedUpdate() throws Exception {
    String text = SampleOutput.of(Operations::main);
    assertTrue(text.contains("event: target 1 -> 4 (ScaleChanged(31))"), text);
    assertTrue(text.contains("JMX refused: actor-pool.min-pools must be <= actor-pool.max-pools,"
        + " was: [5] > [3]"), text);
    assertTrue(text.matches("(?s).*State line: pools - desired=4 total=4 idle=4 leased=0 busy=0"
        + " draining=0 queued=0 load=cpu \\d+% mem \\d+% lag \\d+ms ok\n.*"), text);
    assertTrue(text.contains("MXBean: total=4 pools=pool-1 IDLE jobs=0"), text);
    assertTrue(text.contains("Gauge actorpool.pools.total = 4.0"), text);
    // 1.0, or 2.0 when the metrics started before the supervisor's own start.
    assertTrue(text.matches("(?s).*Counter actorpool.events\\{type=TargetChanged,kind=up\\} = [12]\\.0\n.*"),
        text);
    assertTrue(text.contains("UpdateSettings answered: Failure(java.lang.IllegalArgumentException:"
        + " actor-pool.min-pools must be <= actor-pool.max-pools, was: [5] > [3]"), text);
  }
}
