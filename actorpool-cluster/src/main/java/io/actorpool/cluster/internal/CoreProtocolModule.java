package io.actorpool.cluster.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.actorpool.ScaleChanged;
import java.io.IOException;
import org.apache.pekko.annotation.InternalApi;

/**
 * INTERNAL API.
 *
 * <p>Teaches Jackson the core protocol classes that it cannot read as they are, without giving the
 * core module a Jackson dependency. Registered through {@code
 * pekko.serialization.jackson.jackson-modules} in this module's {@code reference.conf}; the core
 * classes are bound to {@code jackson-cbor} there as well.
 *
 * <p>Records ({@code PoolStatus}, {@code PoolInfo}) and enums ({@code GetPoolStatus}, {@code
 * AwaitSettled}, {@code PoolState}) need nothing. {@code ScaleChanged} has a private sentinel for
 * {@code recheck()} that its public constructor rejects, so it gets a tiny explicit format: {@code
 * {"units": 31}} or {@code {"recheck": true}}.
 */
@InternalApi
public final class CoreProtocolModule extends SimpleModule {
  private static final long serialVersionUID = 1L;

  public CoreProtocolModule() {
    super("actorpool-core-protocol");
    addSerializer(ScaleChanged.class, new ScaleChangedWriter());
    addDeserializer(ScaleChanged.class, new ScaleChangedReader());
  }

  private static final class ScaleChangedWriter extends StdSerializer<ScaleChanged> {
    private static final long serialVersionUID = 1L;

    ScaleChangedWriter() {
      super(ScaleChanged.class);
    }

    @Override
    public void serialize(ScaleChanged value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeStartObject();
      if (value.isRecheck()) {
        gen.writeBooleanField("recheck", true);
      } else {
        gen.writeNumberField("units", value.units().getAsInt());
      }
      gen.writeEndObject();
    }
  }

  private static final class ScaleChangedReader extends StdDeserializer<ScaleChanged> {
    private static final long serialVersionUID = 1L;

    ScaleChangedReader() {
      super(ScaleChanged.class);
    }

    @Override
    public ScaleChanged deserialize(JsonParser parser, DeserializationContext ctx)
        throws IOException {
      JsonNode node = parser.readValueAsTree();
      if (node.path("recheck").asBoolean(false)) {
        return ScaleChanged.recheck();
      }
      return new ScaleChanged(node.get("units").asInt());
    }
  }
}
