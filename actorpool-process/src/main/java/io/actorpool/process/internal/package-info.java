/**
 * INTERNAL API.
 *
 * <p>The parent's runtime for one process pool (proxy threads, child lifecycle, DeathWatch), the
 * bridge actor system, the child JVM's main class and actor, the wire format, and the output pumps
 * and shutdown reaper. Nothing here is stable.
 */
package io.actorpool.process.internal;
