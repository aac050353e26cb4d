/**
 * The process backend ({@code actor-pool.workers.backend = process}): each pool runs its jobs in a
 * child JVM of its own, joined over Pekko remoting on 127.0.0.1.
 *
 * <p>What may run there: {@link io.actorpool.process.ProcessJob}s of registered {@link
 * io.actorpool.process.ProcessJobHandler}s, and allow-listed Jackson-serializable callables.
 * Settings: {@link io.actorpool.process.ProcessSettings}, the {@code actor-pool.workers.process}
 * block of this module's {@code reference.conf}. API MAY CHANGE: this is the module's first
 * release.
 */
package io.actorpool.process;
