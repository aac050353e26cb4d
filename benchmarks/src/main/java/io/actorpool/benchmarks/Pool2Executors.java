package io.actorpool.benchmarks;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.commons.pool2.BasePooledObjectFactory;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.DefaultPooledObject;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;

/** The Commons Pool2 baseline: a pool of single-thread executors, all created up front. */
final class Pool2Executors {

  private Pool2Executors() {}

  static GenericObjectPool<ExecutorService> pool(int size) throws Exception {
    GenericObjectPoolConfig<ExecutorService> config = new GenericObjectPoolConfig<>();
    config.setMaxTotal(size);
    config.setMaxIdle(size);
    config.setMinIdle(size);
    config.setBlockWhenExhausted(true);
    config.setMaxWait(Systems.ASK_TIMEOUT);
    config.setJmxEnabled(false);
    GenericObjectPool<ExecutorService> pool = new GenericObjectPool<>(new Factory(), config);
    pool.addObjects(size);
    return pool;
  }

  private static final class Factory extends BasePooledObjectFactory<ExecutorService> {
    @Override
    public ExecutorService create() {
      return Executors.newSingleThreadExecutor();
    }

    @Override
    public PooledObject<ExecutorService> wrap(ExecutorService executor) {
      return new DefaultPooledObject<>(executor);
    }

    @Override
    public void destroyObject(PooledObject<ExecutorService> p) {
      p.getObject().shutdownNow();
    }
  }

  static final Duration NO_WAIT = Duration.ZERO;
}
