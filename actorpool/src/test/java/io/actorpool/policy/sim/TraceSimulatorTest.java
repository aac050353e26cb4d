package io.actorpool.policy.sim;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TraceSimulatorTest {

  static Stream<Path> traces() throws IOException, URISyntaxException {
    Path dir = Path.of(TraceSimulatorTest.class.getResource("/traces").toURI());
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".conf")).sorted().toList();
    }
    assertFalse(files.isEmpty(), "no traces in " + dir);
    return files.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("traces")
  void replay_trace_meetsItsExpectations(Path file) {
    Config trace = ConfigFactory.parseFile(file.toFile()).resolve().getConfig("trace");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    TraceSimulator.Result r;
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      r = TraceSimulator.run(trace, out);
    }
    String printed = bytes.toString(StandardCharsets.UTF_8);
    // The trajectory goes to the test's output file (redirectTestOutputToFile).
    System.out.println("== " + file.getFileName() + "\n" + printed);
    Config expect = trace.getConfig("expect");
    List<Integer> finalSlots = expect.getIntList("final-slots");
    assertTrue(r.reversals() <= expect.getInt("max-reversals"),
        r.reversals() + " reversals\n" + printed);
    assertTrue(r.last() >= finalSlots.get(0) && r.last() <= finalSlots.get(1),
        "final " + r.last() + "\n" + printed);
    int max = r.trajectory().stream().mapToInt(Integer::intValue).max().orElseThrow();
    assertTrue(max <= expect.getInt("never-above"), "reached " + max + "\n" + printed);
    assertTrue(r.decisions().stream().allMatch(d -> !d.reason().isEmpty() || !d.changed()),
        "every change has a reason\n" + printed);
  }
}
