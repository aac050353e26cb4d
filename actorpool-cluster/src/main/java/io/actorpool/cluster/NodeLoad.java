package io.actorpool.cluster;

import org.apache.pekko.annotation.ApiMayChange;

/**
 * One node's load as shared with the cluster through Distributed Data: a small snapshot taken by
 * its {@link NodeLoadSource} every {@code actor-pool.cluster.load.publish-interval}.
 *
 * @param cpu the node's CPU use, a ratio in [0, 1]
 * @param memory the node's memory use (heap used / max), a ratio in [0, 1]
 * @param overloaded whether the node must take no new pool groups
 * @param timestampMillis when it was measured, in epoch milliseconds of the measuring node
 */
@ApiMayChange
public record NodeLoad(double cpu, double memory, boolean overloaded, long timestampMillis)
    implements CborSerializable {

  /**
   * @throws IllegalArgumentException if a ratio is outside [0, 1]
   */
  public NodeLoad {
    requireRatio("cpu", cpu);
    requireRatio("memory", memory);
  }

  /** The larger of {@code cpu} and {@code memory}: what placement ranks nodes by. */
  public double score() {
    return Math.max(cpu, memory);
  }

  private static void requireRatio(String name, double value) {
    if (!(value >= 0.0 && value <= 1.0)) {
      throw new IllegalArgumentException(
          "NodeLoad " + name + " must be in [0, 1], was: [" + value + "]");
    }
  }
}
