package io.actorpool.samples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The Crawlee and Scaler ports run to the end and show what they are about. */
class PullAndCapabilitySamplesTest {

  @Test
  void crawlerRun_crawlsEveryPageAndTheLoadPolicyRaisesConcurrency() throws Exception {
    String text = SampleOutput.of(CrawlerRun::main);
    assertTrue(text.contains("Crawled 364 pages"), text);
    assertTrue(text.contains("(0 failed)"), text);
    assertTrue(text.matches("(?s).*desired concurrency 4 -> 5 \\(load\\).*"), text);
  }

  @Test
  void capabilityScaling_gpuAndPlainPoolsScaleSeparately() throws Exception {
    String text = SampleOutput.of(CapabilityScaling::main);
    assertTrue(text.matches("(?s).*Under load: \\{gpu=\\d, plain=\\d\\} pools.*"), text);
    assertTrue(text.contains("All 60 jobs done"), text);
    assertTrue(text.contains("When idle: {plain=1} pools, 0 jobs queued"), text);
  }
}
