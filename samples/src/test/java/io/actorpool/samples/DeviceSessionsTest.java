package io.actorpool.samples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The device-session sample shows a release, an expiry and a crash that frees its lease. */
class DeviceSessionsTest {

  @Test
  void main_showsReleaseExpiryAndCrash() throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      DeviceSessions.main(new String[0]);
    } finally {
      System.setOut(original);
    }
    String text = out.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("[tidy-sensor] released lease-"), text);
    assertTrue(text.matches("(?s).*\\(pools\\) lease-\\d on pool-\\d: HOLDER_STOPPED.*"), text);
    assertTrue(text.contains("[forgetful-meter] was warned:"), text);
    assertTrue(text.matches("(?s).*\\(pools\\) lease-\\d on pool-\\d: REVOKED.*"), text);
    assertTrue(text.contains("Finally: 1 pool(s), 0 leased, 1 idle; active leases: []"), text);
  }
}
