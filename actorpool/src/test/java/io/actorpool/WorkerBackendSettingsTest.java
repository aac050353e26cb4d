package io.actorpool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;

/** {@code actor-pool.workers.backend}: the core alone has only the thread backend. */
class WorkerBackendSettingsTest {

  @Test
  void backend_default_isThread() {
    assertEquals("thread", PoolSettings.create(ConfigFactory.empty()).workers().backend());
  }

  @Test
  void backend_processWithoutItsModule_failsAtSettingsCreationNamingKeyValueAndModule() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PoolSettings.create(ConfigFactory.parseString("workers.backend = process")));
    assertTrue(e.getMessage().contains("actor-pool.workers.backend")
        && e.getMessage().contains("[process]")
        && e.getMessage().contains("actorpool-process"), e.getMessage());
  }

  @Test
  void backend_processInCode_failsTheSameWay() {
    WorkerSettings workers = PoolSettings.create(ConfigFactory.empty()).workers();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> workers.withBackend("process"));
    assertTrue(e.getMessage().contains("actorpool-process"), e.getMessage());
  }

  @Test
  void backend_unknown_failsListingTheAllowedValues() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PoolSettings.create(ConfigFactory.parseString("workers.backend = fibers")));
    assertEquals("actor-pool.workers.backend must be one of [thread, process], was: [fibers]",
        e.getMessage());
  }
}
