package io.actorpool.process.internal;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.pekko.annotation.InternalApi;

/**
 * INTERNAL API.
 *
 * <p>What a child JVM is told on its command line: where its parent listens, who it is, and what
 * it may instantiate. Sent as Base64 JSON in one argument, so no shell quoting applies.
 */
@InternalApi
public record ChildSpec(String endpoint, String pool, String worker, String token,
    String initializer, List<String> allowedCallables, Map<String, String> jobHandlers) {

  String toArgument() {
    try {
      return Base64.getEncoder().encodeToString(Wire.MAPPER.writeValueAsBytes(this));
    } catch (Exception e) {
      throw new IllegalStateException("cannot write the child's spec", e);
    }
  }

  static ChildSpec fromArgument(String argument) throws java.io.IOException {
    return Wire.MAPPER.readValue(Base64.getDecoder().decode(argument), ChildSpec.class);
  }
}
