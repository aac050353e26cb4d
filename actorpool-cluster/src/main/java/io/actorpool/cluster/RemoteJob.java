package io.actorpool.cluster;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.actorpool.cluster.internal.NestedMessage;
import java.util.Objects;
import org.apache.pekko.annotation.ApiMayChange;

/**
 * A job that may run on another node: the name of a registered job type and its payload. The
 * group's node looks {@code type} up under {@code actor-pool.cluster.job-types}, and runs {@link
 * JobHandler#handle} with {@code payload} on one of the group's pools, as a {@code Submit} would.
 *
 * <p>Sent in a {@link PoolEnvelope} with a plain {@code ask}, the reply is the handler's result
 * ({@code Done} for {@code null}) or {@code Status.Failure(RemoteJobException)}. {@link
 * ClusterPools#submit} also tracks the job through node loss; see there.
 *
 * @param type the job type's name, a key of {@code actor-pool.cluster.job-types}
 * @param payload the handler's input; it must be serializable by Pekko without Java serialization
 *     (a {@link CborSerializable} record, a String, a number...), or {@code null}
 */
@ApiMayChange
public record RemoteJob(
    String type,
    @JsonSerialize(using = NestedMessage.Writer.class)
        @JsonDeserialize(using = NestedMessage.Reader.class)
        Object payload)
    implements CborSerializable {

  public RemoteJob {
    Objects.requireNonNull(type, "RemoteJob type");
    if (type.isEmpty()) {
      throw new IllegalArgumentException("RemoteJob type must not be empty");
    }
  }
}
