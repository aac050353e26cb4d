package io.actorpool.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** What a result was measured on: JDK, CPU model, cores, and the exact command. */
public final class Machine {

  private Machine() {}

  static String describe(String command) {
    return describe(command, System.getProperty(START_LOAD, "?"));
  }

  /** The machine table, with the 1-minute load average at the start given and at the end now. */
  public static String describe(String command, String startLoad) {
    return "| | |\n|---|---|\n"
        + "| date | " + ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME) + " |\n"
        + "| JDK | " + System.getProperty("java.vm.name") + " " + System.getProperty(
            "java.runtime.version") + " (" + System.getProperty("java.vendor") + ") |\n"
        + "| CPU | " + cpuModel() + " |\n"
        + "| cores | " + Runtime.getRuntime().availableProcessors() + " |\n"
        + "| OS | " + System.getProperty("os.name") + " " + System.getProperty("os.version")
        + " " + System.getProperty("os.arch") + " |\n"
        + "| load average at start / end (1 min) | " + startLoad + " / " + loadAverage() + " |\n"
        + "| command | `" + command + "` |\n";
  }

  /** Set by the suite when it starts: a busy machine skews every ratio, so it is recorded. */
  static final String START_LOAD = "actorpool.bench.start-load";

  public static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException | RuntimeException e) {
      return "?";
    }
  }

  static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException | RuntimeException e) {
      return "unknown (" + e.getMessage() + ")";
    }
    return "unknown";
  }
}
