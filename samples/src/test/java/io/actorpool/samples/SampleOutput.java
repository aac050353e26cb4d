package io.actorpool.samples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs a sample's main and returns what it printed, as a user running it would see it. */
final class SampleOutput {

  /** A sample's main method. */
  interface Main {
    void run(String[] args) throws Exception;
  }

  private SampleOutput() {}

  /** Synchronized: System.out is one per JVM, so two captures must not overlap. */
  static synchronized String of(Main main, String... args) throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      main.run(args);
    } finally {
      System.setOut(original);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
