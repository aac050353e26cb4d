package io.actorpool.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The task-driven pool runs every task on its own worker and reaps them all. */
class TaskDrivenWorkersTest {

  @Test
  void main_oneWorkerPerTask_allReaped() throws Exception {
    String text = SampleOutput.of(TaskDrivenWorkers::main);
    assertEquals(12, text.lines().filter(l -> l.contains(" finished job_")).count(), text);
    assertTrue(text.contains("12 tasks ran on 12 workers, one each; workers alive now: 0"), text);
  }
}
