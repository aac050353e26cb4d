package io.actorpool.internal;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.annotation.InternalApi;

/**
 * INTERNAL API.
 *
 * <p>{@code Submit} for callers that want a future rather than a reply message: the job completes
 * {@code result} itself, so there is no temporary ask actor and no ask timeout to guess.
 */
@InternalApi
public record SubmitTo(Callable<?> job, Duration timeout, CompletableFuture<Object> result)
    implements NoSerializationVerificationNeeded {}
