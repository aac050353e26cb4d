package io.actorpool.top;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code actorpool-top}: a live terminal view of the pool supervisors of a running JVM, like
 * Scaler's {@code scaler_top}. It attaches over JMX and shows each supervisor (a pool group in a
 * cluster), its pools, its leases, the JVM's load and the recent events and sizing decisions,
 * refreshing every second, in an 80x24 terminal.
 *
 * <pre>
 * java -jar actorpool-top.jar PID|HOST:PORT [--once] [--interval 1s]
 * </pre>
 *
 * <p>{@code q} or Ctrl-C quits and restores the terminal. {@code --once} prints one frame without
 * escape codes and exits, for scripts and tests. Exit status: 0, or 2 when the target cannot be
 * reached or the arguments are wrong.
 */
public final class ActorPoolTop {

  private static final String CLEAR = "\033[H\033[2J";
  private static final String ALT_SCREEN_ON = "\033[?1049h\033[?25l";
  private static final String ALT_SCREEN_OFF = "\033[?25h\033[?1049l";
  private static final String REVERSE = "\033[7m";
  private static final String BOLD = "\033[1m";
  private static final String RED = "\033[31m";
  private static final String RESET = "\033[0m";

  private ActorPoolTop() {}

  public static void main(String[] args) throws Exception {
    String target = null;
    boolean once = false;
    Duration interval = Duration.ofSeconds(1);
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--once" -> once = true;
        case "--interval" -> interval = Duration.parse("PT" + args[++i].toUpperCase());
        case "-h", "--help" -> {
          System.out.println("usage: actorpool-top PID|HOST:PORT [--once] [--interval 1s]");
          return;
        }
        default -> target = args[i];
      }
    }
    if (target == null) {
      System.err.println("usage: actorpool-top PID|HOST:PORT [--once] [--interval 1s]");
      System.exit(2);
    }
    JmxSource source;
    try {
      source = JmxSource.connect(target);
    } catch (IOException | IllegalArgumentException e) {
      System.err.println("actorpool-top: " + e.getMessage());
      System.exit(2);
      return;
    }
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    try (source) {
      if (once) {
        TopRenderer.render(source.read()).forEach(out::println);
        out.flush();
        return;
      }
      live(source, out, interval);
    }
    System.exit(0);
  }

  /** Redraws every interval until q, Ctrl-C or end of input. */
  private static void live(JmxSource source, PrintStream out, Duration interval)
      throws Exception {
    Terminal terminal = Terminal.raw();
    CountDownLatch quit = new CountDownLatch(1);
    Runnable restore = () -> {
      out.print(ALT_SCREEN_OFF);
      out.flush();
      terminal.restore();
    };
    Thread hook = new Thread(restore, "actorpool-top-restore");
    Runtime.getRuntime().addShutdownHook(hook);
    Thread keys = new Thread(() -> {
      try {
        int c;
        while ((c = System.in.read()) >= 0) {
          if (c == 'q' || c == 'Q' || c == 3) {
            break;
          }
        }
      } catch (IOException e) {
        // Input is gone: quit as on q.
      }
      quit.countDown();
    }, "actorpool-top-keys");
    keys.setDaemon(true);
    keys.start();
    out.print(ALT_SCREEN_ON);
    do {
      List<String> lines;
      try {
        lines = TopRenderer.render(source.read());
      } catch (IOException e) {
        lines = List.of("actorpool-top: lost the connection: " + e.getMessage(), "q quits");
      }
      out.print(CLEAR);
      out.print(colour(lines));
      out.flush();
    } while (!quit.await(interval.toMillis(), TimeUnit.MILLISECONDS));
    Runtime.getRuntime().removeShutdownHook(hook);
    restore.run();
  }

  /** The title in reverse video, section headers bold, overloads red. */
  static String colour(List<String> lines) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      if (i == 0) {
        sb.append(REVERSE).append(l).append(RESET);
      } else if (!l.isEmpty() && l.equals(l.toUpperCase()) && Character.isLetter(l.charAt(0))
          || l.startsWith("SUPERVISOR") || l.startsWith("POOLS")) {
        sb.append(BOLD).append(l).append(RESET);
      } else if (l.contains("OVERLOADED")) {
        sb.append(RED).append(l).append(RESET);
      } else {
        sb.append(l);
      }
      if (i < lines.size() - 1) {
        // No newline after the last row: on a 24-row terminal it would scroll the title away.
        sb.append("\r\n");
      }
    }
    return sb.toString();
  }

  /**
   * The controlling terminal switched to unbuffered, silent input with {@code stty}, and back.
   * Without a terminal (input redirected), nothing is switched.
   */
  static final class Terminal {
    private final String saved;

    private Terminal(String saved) {
      this.saved = saved;
    }

    static Terminal raw() {
      if (System.console() == null) {
        return new Terminal(null);
      }
      String saved = stty("-g").trim();
      // Ctrl-C still raises SIGINT (isig stays on), so the shutdown hook restores the terminal.
      stty("-icanon -echo min 1");
      return new Terminal(saved.isEmpty() ? null : saved);
    }

    void restore() {
      if (saved != null) {
        stty(saved);
      }
    }

    private static String stty(String args) {
      try {
        Process p = new ProcessBuilder("sh", "-c", "stty " + args + " < /dev/tty")
            .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return output;
      } catch (IOException e) {
        return "";
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return "";
      }
    }
  }
}
