package io.actorpool.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.actorpool.PoolSettings;
import io.actorpool.WorkerInitializer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code workers.process} block, laid over this module's reference.conf. No child JVMs. */
class ProcessSettingsTest {

  private static PoolSettings pool(String hocon) {
    return PoolSettings.create(ConfigFactory.parseString(hocon));
  }

  @Test
  void reference_defaults() {
    ProcessSettings p = ProcessSettings.create(pool(""));
    assertEquals(List.of(), p.jvmOptions());
    assertEquals(Map.of(), p.env());
    assertEquals(0, p.maxMemoryGrowth());
    assertEquals(Duration.ofSeconds(60), p.startTimeout());
    assertEquals(Duration.ofSeconds(2), p.cancelGrace());
  }

  @Test
  void config_backendProcess_readsTheBlock() {
    PoolSettings s = pool("workers { backend = process, process { max-memory-growth = 300MB,"
        + " env { OMP_NUM_THREADS = 1 }, job-handlers { a = \"x.A\", off = \"\" },"
        + " allowed-callables = [\"com.example.Job\", \"com.example.jobs.*\"] } }");
    assertEquals("process", s.workers().backend());
    ProcessSettings p = ProcessSettings.create(s);
    assertEquals(300L * 1000 * 1000, p.maxMemoryGrowth());
    assertEquals(Map.of("OMP_NUM_THREADS", "1"), p.env());
    assertEquals(Map.of("a", "x.A"), p.jobHandlers(), "\"\" disables an entry");
    assertTrue(p.allowsCallable("com.example.Job"));
    assertTrue(p.allowsCallable("com.example.jobs.Resize"));
    assertFalse(p.allowsCallable("com.example.jobs.deep.Resize"), "not sub-packages");
    assertFalse(p.allowsCallable("com.example.Job$$Lambda$14/0x0000"));
  }

  @Test
  void badValues_failAtSettingsCreationNamingKeyAndValue() {
    IllegalArgumentException growth = assertThrows(IllegalArgumentException.class,
        () -> pool("workers { backend = process, process.max-memory-growth = lots }"));
    assertTrue(growth.getMessage().contains("actor-pool.workers.process.max-memory-growth")
        && growth.getMessage().contains("lots"), growth.getMessage());
    IllegalArgumentException grace = assertThrows(IllegalArgumentException.class,
        () -> pool("workers { backend = process, process.cancel-grace = 0s }"));
    assertTrue(grace.getMessage().startsWith("actor-pool.workers.process.cancel-grace must be > 0"),
        grace.getMessage());
    IllegalArgumentException env = assertThrows(IllegalArgumentException.class,
        () -> pool("workers { backend = process, process.env { A { b = 1 } } }"));
    assertTrue(env.getMessage().contains("actor-pool.workers.process.env.A"), env.getMessage());
  }

  @Test
  void initializer_lambda_cannotRunInAChild_failsAtOnce() {
    PoolSettings s = ProcessSettings.create(pool("")).applyTo(pool(""));
    WorkerInitializer lambda = poolName -> { };
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> s.workers().withInitializer(lambda));
    assertTrue(e.getMessage().contains("actor-pool.workers.initializer"), e.getMessage());
  }

  @Test
  void applyTo_inCode_roundTripsAndCompares() {
    PoolSettings base = pool("");
    ProcessSettings p = ProcessSettings.create(base).withJvmOptions(List.of("-Xmx64m"))
        .withEnv(Map.of("A", "1")).withMaxMemoryGrowth(32L << 20);
    PoolSettings s = p.applyTo(base);
    assertEquals("process", s.workers().backend());
    assertEquals(p, ProcessSettings.create(s));
    assertEquals(s, p.applyTo(base), "equal settings reuse the same reusable executor");
    assertFalse(s.equals(p.withEnv(Map.of("A", "2")).applyTo(base)), "a new env is a new one");
  }
}
