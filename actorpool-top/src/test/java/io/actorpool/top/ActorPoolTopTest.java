package io.actorpool.top;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole tool as a user runs it: the adaptive-sizing sample holds a supervisor in a child JVM,
 * and {@code actorpool-top PID --once} in another process attaches to it and prints one frame.
 */
class ActorPoolTopTest {

  private static Process sample;
  private static long pid;

  private static ProcessBuilder java(String mainClass, String... args) {
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new java.util.ArrayList<>(List.of(javaBin, "-Xmx128m", "-cp",
        System.getProperty("java.class.path"), mainClass));
    command.addAll(List.of(args));
    return new ProcessBuilder(command);
  }

  @BeforeAll
  static void startSample() throws IOException {
    sample = java("io.actorpool.samples.AdaptiveSizing", "--hold")
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    BufferedReader out = new BufferedReader(
        new InputStreamReader(sample.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null && !line.startsWith("Holding: pid ")) {
      // the story's own lines
    }
    assertTrue(line != null, "the sample ended before holding");
    pid = sample.pid();
    assertTrue(line.startsWith("Holding: pid " + pid), line);
  }

  @AfterAll
  static void stopSample() throws Exception {
    if (sample != null) {
      sample.getOutputStream().close();
      if (!sample.waitFor(20, TimeUnit.SECONDS)) {
        sample.destroyForcibly();
      }
    }
  }

  private static String frame(String target) throws Exception {
    Process top = java("io.actorpool.top.ActorPoolTop", target, "--once")
        .redirectErrorStream(true).start();
    String text = new String(top.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(top.waitFor(30, TimeUnit.SECONDS), "top did not exit");
    assertEquals(0, top.exitValue(), text);
    return text;
  }

  @Test
  void once_attachedByPid_frameShowsTheSupervisorsPoolsLeaseLoadAndDecisions() {
    AtomicReference<String> last = new AtomicReference<>();
    // The first frame may come before the sample's last recheck has settled.
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      String text = frame(Long.toString(pid));
      last.set(text);
      assertTrue(text.matches("(?s).*\\n/user/pools +4 +4 +3 +0 +1 +0 +0 +31 .*"), text);
    });
    String text = last.get();
    List<String> lines = text.lines().toList();
    assertTrue(lines.size() <= 24, text);
    lines.forEach(l -> assertTrue(l.length() <= 80, l));
    assertTrue(lines.get(0).startsWith("actorpool-top  pid " + pid), text);
    // The story shrank to pool-1 and grew again, so the three idle pools have later numbers.
    assertTrue(text.matches("(?s).*\\npools: pool-1 LEASED 0( \\| pool-\\d+ IDLE 0){3}\\n.*"),
        text);
    assertTrue(text.contains("pools: lease-1 pool-1"), text);
    assertTrue(text.matches("(?s).*load: cpu \\d+% mem \\d+%.*"), text);
    assertTrue(text.contains("pools target 1 -> 4 (units 31"), text);
    assertTrue(!text.contains("\033["), "--once prints no escape codes");
  }

  @Test
  void once_unreachableTarget_exitsWith2() throws Exception {
    Process top = java("io.actorpool.top.ActorPoolTop", "999999999", "--once")
        .redirectErrorStream(true).start();
    String text = new String(top.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(top.waitFor(30, TimeUnit.SECONDS));
    assertEquals(2, top.exitValue(), text);
    assertTrue(text.startsWith("actorpool-top: "), text);
  }
}
