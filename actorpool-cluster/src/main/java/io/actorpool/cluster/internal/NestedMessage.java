package io.actorpool.cluster.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.annotation.InternalApi;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;

/**
 * INTERNAL API.
 *
 * <p>Jackson (de)serializers for a field that may hold any message: the value is written with its
 * own Pekko serializer (id, manifest, bytes) inside the enclosing CBOR document, the way Pekko's
 * own envelopes nest payloads. This keeps {@code PoolEnvelope} open to every protocol message
 * without Jackson's class-name polymorphism, which Pekko forbids for safety.
 */
@InternalApi
public final class NestedMessage {

  private NestedMessage() {}

  private static Serialization serialization() {
    // Set by Pekko around every (de)serialization call, remote or SerializationExtension's.
    ActorSystem system = Serialization.getCurrentTransportInformation().system();
    return SerializationExtension.get(system);
  }

  /** INTERNAL API. Writes a nested message. */
  @InternalApi
  public static final class Writer extends StdSerializer<Object> {
    private static final long serialVersionUID = 1L;

    public Writer() {
      super(Object.class);
    }

    @Override
    public void serialize(Object value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      Serializer serializer = serialization().findSerializerFor(value);
      byte[] bytes = serializer.toBinary(value);
      gen.writeStartObject();
      gen.writeNumberField("serializerId", serializer.identifier());
      gen.writeStringField("manifest", Serializers.manifestFor(serializer, value));
      gen.writeBinaryField("bytes", bytes);
      gen.writeEndObject();
    }
  }

  /** INTERNAL API. Reads a nested message. */
  @InternalApi
  public static final class Reader extends StdDeserializer<Object> {
    private static final long serialVersionUID = 1L;

    public Reader() {
      super(Object.class);
    }

    @Override
    public Object deserialize(JsonParser parser, DeserializationContext ctx) throws IOException {
      JsonNode node = parser.readValueAsTree();
      int id = node.get("serializerId").asInt();
      String manifest = node.get("manifest").asText();
      byte[] bytes = node.get("bytes").binaryValue();
      return serialization().deserialize(bytes, id, manifest).get();
    }
  }
}
