package io.actorpool.internal;

import io.actorpool.AcquireLease;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.annotation.InternalApi;

/**
 * INTERNAL API.
 *
 * <p>{@code AcquireLease} for callers that want a future: the supervisor completes {@code reply}
 * with the {@code LeaseGranted}, or exceptionally with the failure, instead of replying to an
 * actor. The lease has no watched holder unless {@code acquire} names one.
 */
@InternalApi
public record AcquireLeaseTo(AcquireLease acquire, CompletableFuture<Object> reply)
    implements NoSerializationVerificationNeeded {}
