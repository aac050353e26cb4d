package io.actorpool.samples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The device-session sample shows a release, an expiry and a crash that frees its lease. */
class DeviceSessionsTest {

  @Test
  void main_showsReleaseExpiryAndCrash() throws Exception {
    String text = SampleOutput.of(DeviceSessions::main);
    assertTrue(text.contains("[tidy-sensor] released lease-"), text);
    assertTrue(text.matches("(?s).*\\(pools\\) lease-\\d on pool-\\d: HOLDER_STOPPED.*"), text);
    assertTrue(text.contains("[forgetful-meter] was warned:"), text);
    assertTrue(text.matches("(?s).*\\(pools\\) lease-\\d on pool-\\d: REVOKED.*"), text);
    assertTrue(text.contains("Finally: 1 pool(s), 0 leased, 1 idle; active leases: []"), text);
  }
}
