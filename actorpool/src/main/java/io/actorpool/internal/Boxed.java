package io.actorpool.internal;

import org.apache.pekko.annotation.InternalApi;

/**
 * INTERNAL API.
 *
 * <p>Carries a job result that may be {@code null} through a message, which may not.
 */
@InternalApi
public record Boxed(Object value) {}
