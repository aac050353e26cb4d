package io.actorpool.process.internal;

import io.actorpool.WorkerInitializer;
import io.actorpool.process.ProcessJobHandler;
import io.actorpool.process.internal.ProcessProtocol.Cancel;
import io.actorpool.process.internal.ProcessProtocol.Hello;
import io.actorpool.process.internal.ProcessProtocol.Result;
import io.actorpool.process.internal.ProcessProtocol.Run;
import io.actorpool.process.internal.ProcessProtocol.Stop;
import io.actorpool.process.internal.ProcessProtocol.Welcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.CancellationException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.AbstractActorWithTimers;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSelection;
import org.apache.pekko.actor.Props;
import org.apache.pekko.actor.Terminated;
import org.apache.pekko.annotation.InternalApi;

/**
 * INTERNAL API.
 *
 * <p>The child JVM's side of a process pool: says hello to the parent until welcomed, runs each
 * {@link Run} on a worker thread, interrupts it on {@link Cancel}, and answers every job with
 * exactly one {@link Result}. The parent bounds how many jobs run at once, so the worker pool
 * here grows on demand; each of its threads runs the pool's initializer once before its first
 * job.
 */
@InternalApi
final class ChildActor extends AbstractActorWithTimers {

  private enum HelloTick {
    INSTANCE
  }

  /** A worker thread whose initializer failed; its jobs crash. */
  private static final class InitFailed extends Exception {
    private static final long serialVersionUID = 1L;

    InitFailed(Throwable cause) {
      super(cause.toString(), cause);
    }
  }

  private final ChildSpec spec;
  private final ActorSelection parentSelection;
  /** The exit code of a child that ends itself after a fatal error in a job. */
  static final int FATAL_EXIT = 70;

  /** How long a crashed child waits for its parent to kill it before it halts. */
  private static final Duration HALT_AFTER_CRASH = Duration.ofSeconds(5);

  /** Marks a job cancelled before its thread picked it up. */
  private static final Thread CANCELLED = new Thread("cancelled");

  /** The thread of each running job, for {@link Cancel}. */
  private final Map<Long, Thread> running = new ConcurrentHashMap<>();
  private final Map<String, ProcessJobHandler<Object>> handlers = new ConcurrentHashMap<>();
  private final ThreadLocal<Throwable> initFailure = new ThreadLocal<>();
  private final ExecutorService workers;
  private final long pid = ProcessHandle.current().pid();
  private ActorRef parent;

  private ChildActor(ChildSpec spec) {
    this.spec = spec;
    this.parentSelection = getContext().actorSelection(spec.endpoint());
    AtomicInteger seq = new AtomicInteger();
    WorkerInitializer initializer = spec.initializer() == null ? null
        : instantiate(spec.initializer(), WorkerInitializer.class);
    this.workers = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
        new SynchronousQueue<>(), task -> {
          Thread t = new Thread(() -> {
            if (initializer != null) {
              try {
                initializer.initialize(spec.pool());
              } catch (Throwable e) {
                initFailure.set(e);
              }
            }
            task.run();
          }, spec.worker() + "-thread-" + seq.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }

  static Props props(ChildSpec spec) {
    return Props.create(ChildActor.class, () -> new ChildActor(spec));
  }

  @Override
  public void preStart() {
    sayHello();
    getTimers().startTimerWithFixedDelay(HelloTick.INSTANCE, HelloTick.INSTANCE,
        Duration.ofMillis(500));
  }

  private void sayHello() {
    parentSelection.tell(new Hello(spec.token(), getSelf(), pid), getSelf());
  }

  @Override
  public Receive createReceive() {
    return receiveBuilder()
        .matchEquals(HelloTick.INSTANCE, t -> sayHello())
        .match(Welcome.class, w -> {
          if (parent == null) {
            parent = getSender();
            getTimers().cancel(HelloTick.INSTANCE);
            getContext().watch(parent);
          }
        })
        .match(Run.class, this::run)
        .match(Cancel.class, c -> {
          // A job not started yet finds the marker and does not run.
          Thread worker = running.putIfAbsent(c.id(), CANCELLED);
          if (worker != null && worker != CANCELLED) {
            worker.interrupt();
          }
        })
        .match(Stop.class, s -> exit(0))
        .match(Terminated.class, t -> exit(0))
        .build();
  }

  private void run(Run run) {
    ActorRef replyTo = getSender();
    ActorRef self = getSelf();
    workers.execute(() -> {
      Result result;
      if (running.putIfAbsent(run.id(), Thread.currentThread()) != null) {
        // Cancelled before it started.
        result = new Result(run.id(), Result.FAILED, CancellationException.class.getName(),
            "cancelled before it started", rss());
      } else {
        result = execute(run);
      }
      running.remove(run.id());
      replyTo.tell(result, self);
      if (result.outcome() == Result.CRASHED) {
        haltSoon();
      }
    });
  }

  /**
   * After a fatal error the parent kills this JVM on the CRASHED result; should that result be
   * lost (the heap may still be full), the child ends itself so the job is not left waiting.
   */
  private static void haltSoon() {
    Thread t = new Thread(() -> {
      long end = System.nanoTime() + HALT_AFTER_CRASH.toNanos();
      while (System.nanoTime() < end) {
        java.util.concurrent.locks.LockSupport.parkNanos(end - System.nanoTime());
      }
      Runtime.getRuntime().halt(FATAL_EXIT);
    }, "halt-after-crash");
    t.setDaemon(true);
    t.start();
  }

  private Result execute(Run run) {
    try {
      Throwable init = initFailure.get();
      if (init != null) {
        throw new InitFailed(init);
      }
      Object value = call(run);
      String[] written;
      try {
        written = Wire.value(value);
      } catch (Exception e) {
        return new Result(run.id(), Result.FAILED, IllegalStateException.class.getName(),
            "the job's result, a " + value.getClass().getName()
                + ", cannot be written as JSON by Jackson: " + e, rss());
      }
      return new Result(run.id(), Result.OK, written[0], written[1], rss());
    } catch (InitFailed e) {
      return new Result(run.id(), Result.CRASHED, null,
          spec.worker() + " could not start a worker thread: its initializer failed: "
              + e.getMessage(), rss());
    } catch (VirtualMachineError fatal) {
      return new Result(run.id(), Result.CRASHED, null, fatal.toString(), rss());
    } catch (Throwable t) {
      return new Result(run.id(), Result.FAILED, t.getClass().getName(), t.getMessage(), rss());
    }
  }

  @SuppressWarnings("unchecked")
  private Object call(Run run) throws Exception {
    ClassLoader loader = ChildActor.class.getClassLoader();
    if (Wire.HANDLER.equals(run.kind())) {
      String handlerClass = spec.jobHandlers().get(run.type());
      if (handlerClass == null) {
        throw new IllegalArgumentException("no ProcessJobHandler is registered for type ["
            + run.type() + "]");
      }
      ProcessJobHandler<Object> handler = handlers.computeIfAbsent(run.type(),
          t -> instantiate(handlerClass, ProcessJobHandler.class));
      return handler.handle(Wire.readValue(run.className(), run.json(), loader));
    }
    if (!Wire.CALLABLE.equals(run.kind()) || !allowed(run.className())) {
      throw new IllegalArgumentException("job class [" + run.className() + "] is not in "
          + "actor-pool.workers.process.allowed-callables");
    }
    Class<?> type = Class.forName(run.className(), false, loader);
    if (!Callable.class.isAssignableFrom(type)) {
      throw new IllegalArgumentException("[" + run.className() + "] is not a Callable");
    }
    return ((Callable<?>) Wire.MAPPER.readValue(run.json(), type)).call();
  }

  private boolean allowed(String className) {
    return className != null && Wire.allowed(spec.allowedCallables(), className);
  }

  @SuppressWarnings("unchecked")
  private static <T> T instantiate(String className, Class<?> type) {
    try {
      Class<?> c = Class.forName(className, true, ChildActor.class.getClassLoader());
      if (!type.isAssignableFrom(c)) {
        throw new IllegalArgumentException(className + " is not a " + type.getSimpleName());
      }
      return (T) c.getConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException("cannot create " + className + ": " + e, e);
    }
  }

  /** Resident memory from /proc where there is one, else the heap in use. */
  static long rss() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          String[] parts = line.substring(6).trim().split("\\s+");
          return Long.parseLong(parts[0]) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux: fall back below.
    }
    Runtime r = Runtime.getRuntime();
    return r.totalMemory() - r.freeMemory();
  }

  private static void exit(int code) {
    // Not on the actor's thread: System.exit waits for the actor system's shutdown hook.
    Thread t = new Thread(() -> System.exit(code), "exit");
    t.setDaemon(true);
    t.start();
  }
}
