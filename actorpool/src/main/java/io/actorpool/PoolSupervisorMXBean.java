package io.actorpool;

/**
 * The JMX view of one running {@code PoolSupervisor}, registered as {@code
 * io.actorpool:type=PoolSupervisor,name="<actor path>"} while the supervisor runs (unless {@code
 * actor-pool.jmx = off}); the path carries the node's address ({@code
 * pekko://app@host:port/user/pools} in a cluster, {@code pekko://app/user/pools} otherwise). jconsole, the {@code actorpool-top} terminal view and JMX exporters
 * read it.
 *
 * <p>Attributes are read from a snapshot the supervisor's observer refreshes on every pool and
 * lease event and at least once a second, so reading them never waits for the supervisor and may
 * be up to a second old. Operations send the supervisor a message; those with a result wait for it
 * a few seconds at most. All methods may be called from any thread.
 */
public interface PoolSupervisorMXBean {

  /** The supervisor's actor path, as in {@link PoolEvent#supervisor()}. */
  String getSupervisor();

  /** {@link PoolStatus#desired()}. */
  int getDesired();

  /** {@link PoolStatus#total()}. */
  int getTotal();

  /** {@link PoolStatus#idle()}. */
  int getIdle();

  /** {@link PoolStatus#leased()}. */
  int getLeased();

  /** {@link PoolStatus#busy()}. */
  int getBusy();

  /** {@link PoolStatus#draining()}. */
  int getDraining();

  /** {@link PoolStatus#queued()}. */
  int getQueued();

  /** {@link PoolStatus#units()}. */
  int getUnits();

  /** {@link PoolStatus#runningJobs()}. */
  int getRunningJobs();

  /** {@link PoolStatus#minPools()}. */
  int getMinPools();

  /** {@link PoolStatus#maxPools()}. */
  int getMaxPools();

  /** {@link PoolStatus#workersPerPool()}. */
  int getWorkersPerPool();

  /** {@link PoolStatus#leaseWaiters()}. */
  int getLeaseWaiters();

  /** One line per pool, oldest first: name, state, running jobs, live workers. */
  String[] getPools();

  /** One line per active lease, oldest first: id, pool, holder, time to soft and hard expiry. */
  String[] getLeases();

  /**
   * The latest system load, e.g. {@code cpu 12% mem 40% lag 3ms ok}, or {@code unknown} when no
   * {@code SystemLoad} actor runs in this JVM's actor system.
   */
  String getLoad();

  /** The latest load's CPU ratio 0..1, or -1 when unknown. */
  double getCpu();

  /** The latest load's memory ratio 0..1, or -1 when unknown. */
  double getMemory();

  /** Whether the latest load is overloaded over its current window. */
  boolean isOverloaded();

  /** The state line the supervisor logs every {@code logging-interval}. */
  String getStateLine();

  /**
   * The most recent events and sizing decisions of this supervisor, oldest first, one line each
   * with its time and reason: {@link PoolEvent}s and {@link ScalingDecision}s.
   */
  String[] getRecentEvents();

  /** Re-reads the size signal now: sends {@link ScaleChanged#recheck()}. */
  void recheck();

  /**
   * Sets the unit count: sends {@code new ScaleChanged(units)}. With {@link #getUnits()} this
   * makes {@code Units} a writable attribute.
   *
   * @param units the new unit count
   * @throws IllegalArgumentException if {@code units} is negative
   */
  void setUnits(int units);

  /**
   * Changes {@code min-pools} and {@code max-pools} at once through {@link
   * UpdateSettings#change}, and waits for the supervisor's answer.
   *
   * @param minPools the new {@code min-pools}
   * @param maxPools the new {@code max-pools}
   * @throws IllegalArgumentException with the reason when the bounds are refused, e.g. {@code
   *     min-pools must be <= max-pools, was: [5] > [3]}; nothing changed then
   * @throws IllegalStateException if the supervisor did not answer in time
   */
  void setPoolBounds(int minPools, int maxPools);

  /**
   * Replaces every worker of every pool: sends {@link KillWorkers} and waits for the answer.
   *
   * @throws IllegalStateException if the supervisor did not answer in time
   */
  void killWorkers();
}
