package io.actorpool.samples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The README's demo prints what the leasepool seed prints. */
class AdaptiveSizingTest {

  @Test
  void main_printsTheSeedsStory() throws Exception {
    String text = SampleOutput.of(AdaptiveSizing::main);
    assertTrue(text.contains("Initial desired: 1\nInitial total: 1\n"), text);
    assertTrue(text.contains("After adding 31 devices:\n desired: 4\n total: 4\n"), text);
    assertTrue(text.contains("After removing all devices:\n desired: 1\n total: 1\n"), text);
  }
}
