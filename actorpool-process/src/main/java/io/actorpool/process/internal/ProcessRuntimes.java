package io.actorpool.process.internal;

import io.actorpool.internal.PoolBackend;
import io.actorpool.internal.PoolRuntime;
import io.actorpool.process.ProcessSettings;
import org.apache.pekko.annotation.InternalApi;

/** INTERNAL API. Builds process runtimes for {@link io.actorpool.process.ProcessBackend}. */
@InternalApi
public final class ProcessRuntimes {

  private ProcessRuntimes() {}

  public static PoolRuntime create(PoolBackend.Context c) {
    return new ProcessPoolRuntime(c.name(), c.workers(), c.settings().workers(),
        ProcessSettings.create(c.settings().workers()), c.listener(), c.system());
  }
}
