package io.actorpool.policy;

import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The {@code capability} policy: jobs may require a capability set (e.g. {@code [gpu]}), pools
 * are started with one, and each set scales on its own by Scaler's capability rule. The last pool
 * able to serve queued jobs is never shut.
 *
 * <p>Queued jobs needing set {@code R} are counted against one pool group whose set contains
 * {@code R}: a group that has pools, the smallest such set first; if none has pools, the smallest
 * such set; if none exists, a new group with exactly {@code R}. Then, per group, with {@code jobs =
 * running + queued} and {@code slots = pools x workers-per-pool}:
 *
 * <pre>
 * jobs == 0:                          0 pools
 * pools == 0, or jobs/slots &gt; upper, or jobs/slots &lt; lower:
 *                                     ceil(max(1, ceil(jobs / upper)) / workers-per-pool) pools
 * otherwise:                          hold
 * </pre>
 *
 * <p>The decision carries the pools per set in {@link Decision#capabilityPools()} and their total
 * in slots. A stateless {@link Kind#DEMAND} policy. Settings: {@code actor-pool.sizing.capability}.
 */
public final class CapabilityPolicy implements SizingPolicy {

  /*
   * Design notes
   *
   * Scaler's capability scaling [1] groups pending tasks by their capability key set and wants
   * max(1, ceil(tasks / 5)) workers per set; its docs give the thresholds as up above 5 and down
   * below 0.5 tasks per worker [2]. Here both are kept: the target is Scaler's, but a set only
   * moves when its ratio leaves [lower, upper], which stops a set flapping by one pool.
   *
   * Scaler omits sets with no tasks ("no opinion"); we shrink them to zero, because here nothing
   * else would stop their pools, but never below one pool while queued jobs need them: the
   * attribution prefers a group that already has pools, so an idle superset pool (gpu+fp64) that
   * can serve a queued [gpu] job is kept rather than shut while a new [gpu] pool is started.
   * Cost: O(groups x requirements) per tick.
   *
   * [1] finos/opengris-scaler src/scaler/scheduler/controllers/policies/simple_policy/scaling/
   *     capability_scaling.py.
   * [2] finos/opengris-scaler docs/source/tutorials/scaling/simple.rst.
   */

  /** The name of this policy in configuration and decisions. */
  public static final String NAME = "capability";

  private static final String PREFIX = "actor-pool.sizing.capability.";

  private final double upper;
  private final double lower;

  /**
   * A policy with the given thresholds (Scaler's: 5 and 0.5).
   *
   * @param upperTaskRatio {@code upper-task-ratio}, {@code > 0}
   * @param lowerTaskRatio {@code lower-task-ratio}, {@code > 0} and {@code < upperTaskRatio}
   * @throws IllegalArgumentException naming the key and the value of a bad threshold
   */
  public CapabilityPolicy(double upperTaskRatio, double lowerTaskRatio) {
    QueuePolicy.requireThresholds(PREFIX, upperTaskRatio, lowerTaskRatio);
    this.upper = upperTaskRatio;
    this.lower = lowerTaskRatio;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Decision decide(Observation o) {
    Map<Set<String>, CapabilityGroup> groups = new LinkedHashMap<>();
    for (CapabilityGroup g : o.capabilityGroups()) {
      groups.merge(g.capabilities(), g, (a, b) -> new CapabilityGroup(a.capabilities(),
          a.pools() + b.pools(), a.runningJobs() + b.runningJobs()));
    }
    Map<Set<String>, Long> queued = new HashMap<>();
    Map<Set<String>, Set<String>> servedBy = new HashMap<>();
    for (Map.Entry<Set<String>, Integer> q : o.queuedByRequirement().entrySet()) {
      if (q.getValue() <= 0) {
        continue;
      }
      Set<String> group = serving(groups, q.getKey());
      groups.putIfAbsent(group, new CapabilityGroup(group, 0, 0));
      queued.merge(group, (long) q.getValue(), Long::sum);
      servedBy.put(q.getKey(), group);
    }

    int wpp = o.workersPerPool();
    Map<Set<String>, Integer> pools = new LinkedHashMap<>();
    StringJoiner why = new StringJoiner("; ");
    for (CapabilityGroup g : groups.values()) {
      long jobs = g.runningJobs() + queued.getOrDefault(g.capabilities(), 0L);
      long slots = (long) g.pools() * wpp;
      int target;
      if (jobs == 0) {
        target = 0;
      } else {
        double ratio = slots == 0 ? Double.POSITIVE_INFINITY : (double) jobs / slots;
        target = ratio > upper || ratio < lower
            ? (int) Math.ceil(Math.max(1, Math.ceil(jobs / upper)) / wpp)
            : g.pools();
      }
      pools.put(g.capabilities(), target);
      if (target != g.pools()) {
        why.add(g.label() + " " + g.pools() + " -> " + target + " pools (" + jobs + " jobs on "
            + slots + " slots)");
      }
    }
    // Structural today (a group with queued jobs always wants a pool), kept as an explicit
    // guarantee so a change to the rule above cannot strand queued jobs.
    for (Map.Entry<Set<String>, Set<String>> e : servedBy.entrySet()) {
      boolean served = pools.entrySet().stream()
          .anyMatch(p -> p.getValue() > 0 && p.getKey().containsAll(e.getKey()));
      if (!served) {
        pools.put(e.getValue(), 1);
        why.add("kept 1 pool of " + groups.get(e.getValue()).label()
            + ": last able to serve queued " + e.getKey() + " jobs");
      }
    }
    long total = pools.values().stream().mapToLong(Integer::longValue).sum() * wpp;
    int slots = (int) Math.min(Integer.MAX_VALUE, total);
    String reason = why.length() == 0 ? "every capability set within [" + lower + ", " + upper
        + "] jobs per slot" : why.toString();
    return Decision.to(o, slots).because(NAME, reason)
        .withCapabilityPools(pools)
        .with("queued-by-requirement", o.queuedByRequirement())
        .with("groups", o.capabilityGroups());
  }

  /** The group that queued jobs needing {@code required} are counted against. */
  private static Set<String> serving(
      Map<Set<String>, CapabilityGroup> groups, Set<String> required) {
    Comparator<CapabilityGroup> order = Comparator
        .comparing((CapabilityGroup g) -> g.pools() == 0)
        .thenComparingInt(g -> g.capabilities().size())
        .thenComparing(CapabilityGroup::label);
    return groups.values().stream()
        .filter(g -> g.capabilities().containsAll(required))
        .min(order)
        .map(CapabilityGroup::capabilities)
        .orElse(Set.copyOf(required));
  }
}
