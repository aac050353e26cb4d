package io.actorpool.cluster;

import io.actorpool.GetPoolStatus;
import io.actorpool.PoolSettings;
import io.actorpool.PoolStatus;
import io.actorpool.cluster.internal.GroupEntity;
import io.actorpool.cluster.internal.GroupMessageExtractor;
import io.actorpool.cluster.internal.JobRegistry;
import io.actorpool.cluster.internal.LoadAwareAllocationStrategy;
import io.actorpool.cluster.internal.LoadBoard;
import io.actorpool.cluster.internal.LoadPublisher;
import io.actorpool.cluster.internal.NodeAgent;
import io.actorpool.cluster.internal.Placement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.AbstractExtensionId;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.ClassicActorSystemProvider;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.Extension;
import org.apache.pekko.actor.ExtensionIdProvider;
import org.apache.pekko.annotation.ApiMayChange;
import org.apache.pekko.cluster.Cluster;
import org.apache.pekko.cluster.sharding.ClusterSharding;
import org.apache.pekko.cluster.sharding.ClusterShardingSettings;
import org.apache.pekko.cluster.sharding.ShardRegion;
import org.apache.pekko.pattern.Patterns;
import scala.concurrent.duration.FiniteDuration;

/**
 * Pool groups across a Pekko cluster: each group (a tenant, a device fleet, a capability set) is
 * one {@code PoolSupervisor}, run as a Cluster Sharding entity, placed on the least loaded node
 * that has the group type's roles, and restarted elsewhere when its node leaves or is lost.
 *
 * <pre>{@code
 * ClusterPools pools = ClusterPools.get(system);
 * ActorRef region = pools.start("tenants", PoolSettings.create(system));   // or startProxy
 * region.tell(new PoolEnvelope("tenant-42", new ScaleChanged(31)), ActorRef.noSender());
 * CompletionStage<Object> r =
 *     pools.submit("tenants", "tenant-42", new RemoteJob("resize", request), timeout);
 * RemoteLeasedExecutor lease = pools.acquireLease("tenants", "tenant-42", leaseFor, waitUpTo,
 *     holder).toCompletableFuture().join();    // a whole pool of tenant-42, on its node
 * }</pre>
 *
 * <p>Starting this extension starts two node-level actors: one shares this node's {@link NodeLoad}
 * through Distributed Data, the other ({@link #ref()}) tracks {@link #submit} jobs and the leases
 * taken with {@link #acquireLease}, and answers {@link GetClusterPoolStatus}. The actor system must use {@code pekko.actor.provider = cluster}.
 *
 * <p>All methods are thread-safe and may be called from any thread.
 */
@ApiMayChange
public final class ClusterPools implements Extension {

  private static final Id ID = new Id();

  private final ExtendedActorSystem system;
  private final ClusterPoolsSettings settings;
  private final JobRegistry registry;
  private final LoadBoard board = new LoadBoard();
  private final AtomicReference<NodeLoadSource> loadSource;
  private final Map<String, ActorRef> regions = new ConcurrentHashMap<>();
  private final ActorRef agent;

  private ClusterPools(ExtendedActorSystem system) {
    this.system = system;
    this.settings = ClusterPoolsSettings.create(system);
    this.registry = JobRegistry.create(system, settings.jobTypes());
    this.loadSource = new AtomicReference<>(configuredLoadSource(system, settings));
    system.systemActorOf(
        LoadPublisher.props(loadSource::get, board, settings.loadPublishInterval()),
        "actor-pool-load");
    this.agent = system.systemActorOf(
        NodeAgent.props(type -> clusterStatus(type, Duration.ofSeconds(10)),
            settings.failoverCheckInterval()),
        "actor-pool-cluster");
  }

  /** The extension of {@code system}, created on first use. */
  public static ClusterPools get(ActorSystem system) {
    return ID.get(system);
  }

  /** The extension of {@code system}, created on first use. */
  public static ClusterPools get(ClassicActorSystemProvider system) {
    return ID.get(system.classicSystem());
  }

  /** The {@code actor-pool.cluster} settings. */
  public ClusterPoolsSettings settings() {
    return settings;
  }

  /* ---------------- Regions ---------------- */

  /**
   * Starts hosting pool groups of {@code typeName} on this node; any node may host them. Same as
   * {@link #start(String, PoolSettings, Set)} with no required roles.
   */
  public ActorRef start(String typeName, PoolSettings settings) {
    return start(typeName, settings, Set.of());
  }

  /**
   * Starts the shard region of pool group type {@code typeName}: every group of the type is a
   * {@code PoolSupervisor} created with {@code settings}, one per key.
   *
   * <p>Capabilities: the groups are hosted only on nodes whose cluster roles ({@code
   * pekko.cluster.roles}) include every role of {@code requiredRoles}. Sharding is restricted to
   * the first role (alphabetically), so nodes without it run only a proxy, and the allocation
   * strategy skips nodes that lack any other one. Call it on every node, with the same arguments;
   * on a node that lacks the first role it starts a proxy.
   *
   * @param typeName the group type, unique in the cluster, e.g. {@code "tenants"}
   * @param settings the settings of each group's supervisor
   * @param requiredRoles capabilities a hosting node must have; empty for any node
   * @return the region (or proxy): send it {@link PoolEnvelope}s
   * @throws IllegalArgumentException if {@code typeName} is empty
   */
  public ActorRef start(String typeName, PoolSettings settings, Set<String> requiredRoles) {
    Objects.requireNonNull(settings, "settings");
    Optional<String> role = shardingRole(typeName, requiredRoles);
    Set<String> selfRoles = Cluster.get(system).getSelfRoles();
    if (role.isPresent() && !selfRoles.contains(role.get())) {
      return startProxy(typeName, requiredRoles);
    }
    return regions.computeIfAbsent(typeName, t -> {
      ClusterShardingSettings sharding = ClusterShardingSettings.create(system)
          .withRole(scala.Option.apply(role.orElse(null)))
          .withRememberEntities(this.settings.rememberGroups())
          // A group keeps warm pools for its load; it must never be passivated for idleness.
          .withNoPassivationStrategy();
      Placement placement = new Placement(requiredRoles, this.settings.loadTolerance(),
          this.settings.maxMovesPerInterval(), this.settings.rebalanceThreshold());
      return ClusterSharding.get(system).start(t, GroupEntity.props(t, settings, registry),
          sharding, new GroupMessageExtractor(),
          new LoadAwareAllocationStrategy(placement, board),
          org.apache.pekko.actor.PoisonPill.getInstance());
    });
  }

  /** Starts a proxy for group type {@code typeName} that any node may host. */
  public ActorRef startProxy(String typeName) {
    return startProxy(typeName, Set.of());
  }

  /**
   * Starts a proxy to the groups of {@code typeName} on a node that hosts none of them; {@code
   * requiredRoles} must be the set the hosting nodes passed to {@link #start}.
   */
  public ActorRef startProxy(String typeName, Set<String> requiredRoles) {
    Optional<String> role = shardingRole(typeName, requiredRoles);
    return regions.computeIfAbsent(typeName, t -> ClusterSharding.get(system)
        .startProxy(t, role, new GroupMessageExtractor()));
  }

  private static Optional<String> shardingRole(String typeName, Set<String> requiredRoles) {
    Objects.requireNonNull(typeName, "typeName");
    if (typeName.isEmpty()) {
      throw new IllegalArgumentException("typeName must not be empty");
    }
    return new TreeSet<>(Objects.requireNonNull(requiredRoles, "requiredRoles")).stream()
        .findFirst();
  }

  /**
   * The region or proxy of {@code typeName} on this node.
   *
   * @throws IllegalStateException if neither {@link #start} nor {@link #startProxy} ran for it
   */
  public ActorRef region(String typeName) {
    ActorRef region = regions.get(typeName);
    if (region == null) {
      throw new IllegalStateException("pool group type [" + typeName
          + "] is not started on this node; call ClusterPools.start or startProxy first");
    }
    return region;
  }

  /* ---------------- Messages and jobs ---------------- */

  /**
   * Sends {@code message} to group {@code key} of {@code typeName}, e.g. a {@code ScaleChanged};
   * replies, if any, go to {@code sender}.
   *
   * @throws LocalJobException for a {@code Submit}, which is never sent
   */
  public void tell(String typeName, String key, Object message, ActorRef sender) {
    region(typeName).tell(new PoolEnvelope(key, message), sender);
  }

  /**
   * Sends {@code message} to group {@code key} of {@code typeName} and returns its reply.
   *
   * @return the reply; fails with {@link LocalJobException} at once, without sending, for a
   *     {@code Submit}; with the reply's {@code Status.Failure} cause; or with an {@code
   *     AskTimeoutException}
   */
  public CompletionStage<Object> ask(String typeName, String key, Object message,
      Duration timeout) {
    PoolEnvelope envelope;
    try {
      envelope = new PoolEnvelope(key, message);
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(e);
    }
    return Patterns.ask(region(typeName), envelope, timeout);
  }

  /** Asks group {@code key} of {@code typeName} for its {@link PoolStatus}. */
  public CompletionStage<PoolStatus> status(String typeName, String key, Duration timeout) {
    return ask(typeName, key, GetPoolStatus.INSTANCE, timeout).thenApply(PoolStatus.class::cast);
  }

  /**
   * Runs {@code job} on group {@code key} of {@code typeName}, wherever it lives, and tracks it
   * through node loss. The returned stage completes exactly once:
   *
   * <ul>
   *   <li>with the handler's result ({@code null} stays {@code null});
   *   <li>with {@link RemoteJobException} if the handler threw, its type is not registered on the
   *       hosting node, or the group's queue refused the job;
   *   <li>with {@link GroupLostException} if the node that accepted the job is removed from the
   *       cluster before the result arrives (within the split brain resolver's {@code
   *       stable-after} plus failure detection of the crash): the outcome is unknown;
   *   <li>with an {@code AskTimeoutException} once {@code timeout} has passed, e.g. when the job
   *       was lost in flight to a crashing node before any group accepted it.
   * </ul>
   *
   * <p>A job is sent once and never re-sent, so it runs at most once.
   */
  public CompletionStage<Object> submit(String typeName, String key, RemoteJob job,
      Duration timeout) {
    Objects.requireNonNull(job, "job");
    if (timeout.isZero() || timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must be > 0, was: [" + timeout + "]");
    }
    CompletableFuture<Object> result = new CompletableFuture<>();
    agent.tell(new NodeAgent.Track(region(typeName), key, job, timeout, result),
        ActorRef.noSender());
    return result;
  }

  /* ---------------- Leases ---------------- */

  /**
   * Leases one pool of group {@code key} of {@code typeName}, wherever the group lives, held by
   * this node: as {@link #acquireLease(String, String, Duration, Duration, ActorRef)} with this
   * node's cluster-pools actor ({@link #ref()}) as the holder, so the lease is released when this
   * node leaves or is removed from the cluster; no {@link LeaseLost} is sent.
   */
  public CompletionStage<RemoteLeasedExecutor> acquireLease(String typeName, String key,
      Duration leaseFor, Duration waitUpTo) {
    return acquireLease(typeName, key, leaseFor, waitUpTo, null);
  }

  /**
   * Leases one pool of group {@code key} of {@code typeName}, wherever the group lives: the
   * group's node acquires the lease from its local supervisor with {@code holder} as the core
   * lease's holder, keeps the local {@code LeasedExecutor}, and this node gets a {@link
   * RemoteLeasedExecutor} that sends {@link RemoteJob}s to it.
   *
   * <p>The lease ends as a core lease does: {@link RemoteLeasedExecutor#release()}, expiry ({@code
   * leaseFor}, then the group's {@code lease.grace}; {@code holder} receives the core's {@code
   * LeaseExpiring} and {@code LeaseRevoked} across nodes), or the death of {@code holder}, which the
   * core watches across nodes: when {@code holder} stops, or its node is removed from the
   * cluster, the lease is released. It also ends when the group's node is removed, or the group
   * stops there (e.g. it moves): then {@code holder} receives {@link LeaseLost} from this node,
   * and the lease's in-flight jobs fail with {@link GroupLostException}.
   *
   * @param typeName a group type started on this node (region or proxy)
   * @param key the pool group
   * @param leaseFor how long until soft expiry; positive, at most the group's {@code
   *     lease.max-total}
   * @param waitUpTo how long to wait for a free pool, strictly first come first served; zero
   *     fails fast
   * @param holder the actor, on any node, whose death releases the lease and which receives
   *     {@code LeaseExpiring}, {@code LeaseRevoked} and {@link LeaseLost}; {@code null} for this
   *     node's cluster-pools actor
   * @return the handle; or fails with the core's {@code LeaseUnavailableException} (no pool in
   *     time), {@code IllegalArgumentException} (bad durations, checked here or by the group), or
   *     an {@code AskTimeoutException} if no answer came within {@code waitUpTo} plus 10s
   */
  public CompletionStage<RemoteLeasedExecutor> acquireLease(String typeName, String key,
      Duration leaseFor, Duration waitUpTo, ActorRef holder) {
    CompletableFuture<RemoteLeasedExecutor> result = new CompletableFuture<>();
    try {
      AcquireRemoteLease request = new AcquireRemoteLease(leaseFor, waitUpTo, holder);
      PoolEnvelope.requireKey(key);
      agent.tell(new NodeAgent.Acquire(region(typeName), key, request, result),
          ActorRef.noSender());
    } catch (IllegalArgumentException | IllegalStateException | NullPointerException e) {
      result.completeExceptionally(e);
    }
    return result;
  }

  /* ---------------- Status and load ---------------- */

  /**
   * Every group of {@code typeName} with its node and status, and every node's load. The group
   * list comes from the shard coordinator; each group is then asked for its {@link PoolStatus}.
   */
  public CompletionStage<ClusterPoolStatus> clusterStatus(String typeName, Duration timeout) {
    ActorRef region;
    try {
      region = region(typeName);
    } catch (IllegalStateException e) {
      return CompletableFuture.failedFuture(e);
    }
    Duration half = timeout.dividedBy(2);
    FiniteDuration statsTimeout = FiniteDuration.create(half.toMillis(), TimeUnit.MILLISECONDS);
    return Patterns.ask(region, new ShardRegion.GetClusterShardingStats(statsTimeout), timeout)
        .thenCompose(reply -> {
          ShardRegion.ClusterShardingStats stats = (ShardRegion.ClusterShardingStats) reply;
          List<CompletableFuture<Object>> asks = new ArrayList<>();
          stats.getRegions().forEach((address, regionStats) -> {
            for (String key : regionStats.getStats().keySet()) {
              asks.add(Patterns.ask(region, new PoolEnvelope(key, GetPoolStatus.INSTANCE), half)
                  .handle((status, error) -> error == null
                      ? new ClusterPoolStatus.Group(key, address.toString(), (PoolStatus) status)
                      : (Object) key)
                  .toCompletableFuture());
            }
          });
          return CompletableFuture.allOf(asks.toArray(CompletableFuture[]::new))
              .thenApply(done -> {
                List<ClusterPoolStatus.Group> groups = new ArrayList<>();
                List<String> unanswered = new ArrayList<>();
                for (CompletableFuture<Object> a : asks) {
                  Object o = a.join();
                  if (o instanceof ClusterPoolStatus.Group g) {
                    groups.add(g);
                  } else {
                    unanswered.add((String) o);
                  }
                }
                groups.sort(Comparator.comparing(ClusterPoolStatus.Group::key));
                unanswered.sort(Comparator.naturalOrder());
                return new ClusterPoolStatus(typeName, groups, unanswered, board.snapshot());
              });
        });
  }

  /** Every node's last shared load as this node knows it, by node address. */
  public Map<String, NodeLoad> nodeLoads() {
    return board.snapshot();
  }

  /**
   * Replaces this node's {@link NodeLoadSource} (by default the one {@code load.source} names);
   * the next {@code load.publish-interval} tick reads the new one. Meant for an adapter to the
   * core's {@code SystemLoad}, and for tests that make a node report overload.
   */
  public void useLoadSource(NodeLoadSource source) {
    loadSource.set(Objects.requireNonNull(source, "source"));
  }

  /**
   * This node's cluster-pools actor: send it {@link GetClusterPoolStatus} to receive a {@link
   * ClusterPoolStatus}.
   */
  public ActorRef ref() {
    return agent;
  }

  private static NodeLoadSource configuredLoadSource(ExtendedActorSystem system,
      ClusterPoolsSettings settings) {
    if (settings.loadSource().equals("jvm")) {
      return NodeLoadSource.jvm(settings.cpuOverloadRatio(), settings.memoryOverloadRatio());
    }
    return JobRegistry.instantiate(system, NodeLoadSource.class, "actor-pool.cluster.load.source",
        settings.loadSource());
  }

  /** INTERNAL API. */
  static final class Id extends AbstractExtensionId<ClusterPools> implements ExtensionIdProvider {
    @Override
    public ClusterPools createExtension(ExtendedActorSystem system) {
      return new ClusterPools(system);
    }

    @Override
    public Id lookup() {
      return this;
    }
  }
}
