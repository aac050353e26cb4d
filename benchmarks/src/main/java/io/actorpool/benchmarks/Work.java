package io.actorpool.benchmarks;

/**
 * The benchmarks' job body: busy work for a fixed time on the calling thread, so every kind of
 * pool runs exactly the same CPU-bound job. Zero means a no-op.
 */
public final class Work {

  private Work() {}

  /** Spins for {@code micros} microseconds; returns a value so the loop is not eliminated. */
  public static long spin(int micros) {
    if (micros <= 0) {
      return 0;
    }
    long end = System.nanoTime() + micros * 1_000L;
    long spins = 0;
    while (System.nanoTime() < end) {
      spins++;
    }
    return spins;
  }
}
