package io.actorpool.process;

import io.actorpool.JobRejectedException;
import io.actorpool.WorkerInitializer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** Jobs that run in the child JVM: records, so Jackson writes and reads them as they are. */
final class TestJobs {

  private TestJobs() {}

  /** Options that start a child JVM fast on a small machine. */
  static final List<String> FAST_JVM = List.of("-Xmx64m", "-XX:TieredStopAtLevel=1",
      "-Xshare:auto", "-XX:+UseSerialGC", "-Dorg.slf4j.simpleLogger.logFile=System.err");

  /** Every job class below, for allowed-callables. */
  static final List<String> ALLOWED = List.of(
      Pid.class.getName(), Add.class.getName(), Fail.class.getName(),
      FailWithOwnType.class.getName(), IgnoreInterrupts.class.getName(), Wait.class.getName(),
      BlockOnce.class.getName(), Exit.class.getName(), Retain.class.getName(),
      Hog.class.getName(), Env.class.getName(), Initialized.class.getName(),
      Print.class.getName());

  /** The child's pid. */
  record Pid() implements Callable<Long> {
    @Override
    public Long call() {
      return ProcessHandle.current().pid();
    }
  }

  record Add(int a, int b) implements Callable<Integer> {
    @Override
    public Integer call() {
      return a + b;
    }
  }

  record Fail(String message) implements Callable<Object> {
    @Override
    public Object call() {
      throw new IllegalStateException(message);
    }
  }

  record FailWithOwnType(String message) implements Callable<Object> {
    @Override
    public Object call() {
      throw new JobRejectedException(message);
    }
  }

  /** Runs for {@code millis}, swallowing interrupts: only killing its child stops it. */
  record IgnoreInterrupts(long millis) implements Callable<String> {
    @Override
    public String call() {
      long end = System.nanoTime() + millis * 1_000_000;
      Object lock = new Object();
      synchronized (lock) {
        for (long left = millis; left > 0; left = (end - System.nanoTime()) / 1_000_000) {
          try {
            lock.wait(left);
          } catch (InterruptedException ignored) {
            // deliberately ignored
          }
        }
      }
      return "finished";
    }
  }

  /** Waits until interrupted. */
  record Wait() implements Callable<String> {
    @Override
    public String call() throws InterruptedException {
      Object lock = new Object();
      synchronized (lock) {
        while (true) {
          lock.wait();
        }
      }
    }
  }

  /** First run: leaves {@code marker} and waits forever; a retry returns its pid. */
  record BlockOnce(String marker) implements Callable<Long> {
    @Override
    public Long call() throws Exception {
      Path path = Path.of(marker);
      if (Files.exists(path)) {
        return ProcessHandle.current().pid();
      }
      Files.writeString(path, Long.toString(ProcessHandle.current().pid()));
      return new Wait().call() == null ? 0L : 0L;
    }
  }

  /** Ends the child JVM, like a native crash or a careless library would. */
  record Exit(int code) implements Callable<Object> {
    @Override
    public Object call() {
      System.exit(code);
      return null;
    }
  }

  /** Keeps {@code megabytes} alive in the child, touched, so its resident memory grows. */
  record Retain(int megabytes) implements Callable<Integer> {
    static final List<byte[]> KEPT = new ArrayList<>();

    @Override
    public Integer call() {
      for (int i = 0; i < megabytes; i++) {
        byte[] block = new byte[1 << 20];
        for (int j = 0; j < block.length; j += 4096) {
          block[j] = 1;
        }
        synchronized (KEPT) {
          KEPT.add(block);
        }
      }
      return KEPT.size();
    }
  }

  /** Allocates until the child's heap is exhausted; the garbage is freed when it throws. */
  record Hog() implements Callable<Integer> {
    @Override
    public Integer call() {
      List<long[]> local = new ArrayList<>();
      while (true) {
        local.add(new long[1 << 17]);
      }
    }
  }

  record Env(String name) implements Callable<String> {
    @Override
    public String call() {
      return System.getenv(name);
    }
  }

  /** What {@link MarkThread} left on this worker thread. */
  record Initialized() implements Callable<String> {
    @Override
    public String call() {
      return MarkThread.MARK.get();
    }
  }

  record Print(String line) implements Callable<Object> {
    @Override
    public Object call() {
      System.out.println(line);
      return null;
    }
  }

  /** An initializer that marks its worker thread with the pool's name. */
  public static final class MarkThread implements WorkerInitializer {
    static final ThreadLocal<String> MARK = new ThreadLocal<>();

    @Override
    public void initialize(String poolName) {
      MARK.set("initialized for " + poolName + " in pid " + ProcessHandle.current().pid());
    }
  }

  /** A registered job type: squares its payload. */
  public static final class Square implements ProcessJobHandler<Integer> {
    @Override
    public Object handle(Integer payload) {
      return payload * payload;
    }
  }

  /** A registered job type taking a record payload. */
  public static final class Greet implements ProcessJobHandler<Person> {
    @Override
    public Object handle(Person payload) {
      return new Person("hello " + payload.name(), payload.age() + 1);
    }
  }

  record Person(String name, int age) {}
}
