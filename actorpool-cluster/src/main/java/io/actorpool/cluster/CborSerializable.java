package io.actorpool.cluster;

import org.apache.pekko.annotation.ApiMayChange;

/**
 * Marks a message that crosses nodes. The module's {@code reference.conf} binds it to Pekko's
 * {@code jackson-cbor} serializer, so an implementing record is serialized as CBOR without more
 * configuration. Implement it on your own job payloads and results too.
 *
 * <p>Java serialization stays off ({@code pekko.actor.allow-java-serialization = off}): a message
 * that is neither marked nor bound fails to serialize when it is sent to another node.
 */
@ApiMayChange
public interface CborSerializable {}
