package io.actorpool.benchmarks.scenario;

import io.actorpool.policy.UnitsPolicy;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The controllers the harness compares, each a faithful re-implementation of its rule as
 * summarised in ANCHORS.md, evaluated once per tick of {@link #TICK_SECONDS} seconds.
 *
 * <p>ActorPool plugs in as {@link #actorPoolUnits()}. When the load-aware policy pipeline lands,
 * add a factory here that feeds the same {@link Observation} to the pipeline (units from {@link
 * Observation#units()}, the overload flag as its load snapshot, {@link Observation#tick()} times
 * {@link #TICK_SECONDS} as its clock) and list it in {@link #all()}; nothing else changes.
 */
public final class Controllers {

  /** One control tick: Crawlee's autoscale interval, used for every controller. */
  public static final int TICK_SECONDS = 10;

  private Controllers() {}

  /** Every controller in the comparison, ActorPool's first, the proposed change last. */
  public static List<Controller.Factory> all() {
    return List.of(actorPoolUnits(), crawlee(), hpa(), dask(), proposedUnitsWithHysteresis());
  }

  /**
   * ActorPool's {@code units} policy ({@link UnitsPolicy}): leasepool's rule, straight to
   * {@code ceil(units / units-per-pool)} within the bounds.
   */
  public static Controller.Factory actorPoolUnits() {
    return factory("actorpool-units", initial -> o ->
        UnitsPolicy.desiredPools(o.units(), o.unitsPerPool(), o.minPools(), o.maxPools()));
  }

  /**
   * NOT in core: the change recommended to the units rule, measured here so the recommendation
   * has numbers. It grows exactly as {@link UnitsPolicy} does, and shrinks only to what 10% more
   * units than observed would need (HPA's 0.1 tolerance, applied to the way down), so jitter
   * around a pool boundary does not flap the count while a real step still lands in one tick.
   */
  public static Controller.Factory proposedUnitsWithHysteresis() {
    return factory("proposed-units-hysteresis", initial -> o -> {
      int grow = UnitsPolicy.desiredPools(o.units(), o.unitsPerPool(), o.minPools(), o.maxPools());
      if (grow >= o.current()) {
        return grow;
      }
      int withTolerance = (int) Math.ceil(o.units() * 1.1);
      return Math.min(o.current(), UnitsPolicy.desiredPools(withTolerance, o.unitsPerPool(),
          o.minPools(), o.maxPools()));
    });
  }

  /**
   * Crawlee's AutoscaledPool: every autoscale interval, if the system is idle over its history and
   * {@code current >= floor(0.9 x desired)}, desired grows by {@code ceil(0.05 x desired)}; if it
   * is overloaded, desired shrinks by {@code ceil(0.05 x desired)}. The history is 30 s; a resource
   * counts as overloaded when more than 0.4 of it (CPU's ratio) was overloaded.
   */
  public static Controller.Factory crawlee() {
    int historyTicks = Math.max(1, 30 / TICK_SECONDS);
    return factory("crawlee", initial -> new Controller() {
      private int desired = initial;
      private final ArrayDeque<Boolean> history = new ArrayDeque<>();

      @Override
      public int decide(Observation o) {
        history.addLast(o.overloaded());
        if (history.size() > historyTicks) {
          history.removeFirst();
        }
        long overloadedTicks = history.stream().filter(b -> b).count();
        boolean idle = overloadedTicks <= 0.4 * history.size();
        if (idle && desired < o.maxPools() && o.busyPools() >= Math.floor(0.9 * desired)) {
          desired = Math.min(o.maxPools(), desired + (int) Math.ceil(0.05 * desired));
        } else if (!idle && desired > o.minPools()) {
          desired = Math.max(o.minPools(), desired - (int) Math.ceil(0.05 * desired));
        }
        return desired;
      }
    });
  }

  /**
   * The Kubernetes HPA: {@code desired = ceil(current x metric / target)} on the per-pool demand
   * (an average-value metric with target 1), no change within the 0.1 tolerance; scale-down
   * stabilisation takes the highest recommendation of the last 300 s; scale-up is limited per
   * 15 s period by Percent 100 and Pods 4 with selectPolicy Max; scale-down policy Percent 100.
   */
  public static Controller.Factory hpa() {
    int windowTicks = Math.max(1, 300 / TICK_SECONDS);
    return factory("hpa", initial -> new Controller() {
      private final ArrayDeque<Integer> recommendations = new ArrayDeque<>();

      @Override
      public int decide(Observation o) {
        int current = o.current();
        double ratio = current == 0 ? (o.demand() > 0 ? Double.POSITIVE_INFINITY : 1.0)
            : o.demand() / current;
        int recommendation = Math.abs(ratio - 1.0) <= 0.1 ? current
            : o.clamp((long) Math.ceil(current * ratio));
        recommendations.addLast(recommendation);
        if (recommendations.size() > windowTicks) {
          recommendations.removeFirst();
        }
        int downRecommendation = recommendations.stream().max(Integer::compare).orElseThrow();
        int next = Math.min(Math.max(current, recommendation), downRecommendation);
        if (next > current) {
          // The period equals the tick here, so the period's start is the current count.
          int upLimit = Math.max(current * 2, current + 4);
          next = Math.min(next, upLimit);
        }
        return o.clamp(next);
      }
    });
  }

  /**
   * Dask's Adaptive: target {@code ceil(occupancy / target-duration)}, i.e. the pools' worth of
   * queued and running work, capped by the tasks there are; scale up at once; a pool is closed
   * only after it was suggested for closing on wait-count = 3 consecutive ticks.
   */
  public static Controller.Factory dask() {
    int waitCount = 3;
    return factory("dask", initial -> new Controller() {
      private final ArrayDeque<Integer> surplus = new ArrayDeque<>();

      @Override
      public int decide(Observation o) {
        int current = o.current();
        int target = o.clamp((long) Math.ceil(o.demand()));
        if (target >= current) {
          surplus.clear();
          return target;
        }
        surplus.addLast(current - target);
        if (surplus.size() < waitCount) {
          return current;
        }
        // Only pools suggested on every one of the last wait-count ticks are closed.
        int close = surplus.stream().min(Integer::compare).orElseThrow();
        surplus.clear();
        return o.clamp(current - close);
      }
    });
  }

  private interface Maker {
    Controller make(int initial);
  }

  private static Controller.Factory factory(String name, Maker maker) {
    return new Controller.Factory() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Controller create(int initialPools) {
        return maker.make(initialPools);
      }
    };
  }
}
