/**
 * INTERNAL API.
 *
 * <p>The actors and helpers behind {@link io.actorpool.cluster.ClusterPools}: the group entity,
 * the load-aware allocation strategy and its plain-Java placement rule, the load publisher, the
 * node's job and lease tracker with the holder-side lease handle, and the serialization glue.
 * Nothing here is stable.
 */
package io.actorpool.cluster.internal;
