package io.actorpool.samples;

import io.actorpool.LoadSnapshot;
import io.actorpool.PoolObserver;
import io.actorpool.PoolStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;

/**
 * Records a supervisor's desired and total pools, queue depth, and the JVM's CPU and memory over
 * time, and writes them as an SVG timeline: four stacked panels sharing one time axis. The SVG is
 * written by hand (no charting library), so it opens in any browser.
 *
 * <pre>{@code
 * TimelineRecorder timeline = TimelineRecorder.start(system, pools);
 * ... run the workload ...
 * timeline.writeSvg(Path.of("timeline.svg"));
 * }</pre>
 *
 * <p>Points are taken whenever the supervisor's {@link PoolObserver} sees a new status (after each
 * pool event and at least every 100 ms) or a load sample; load comes from a {@code SystemLoad}
 * actor running in the same actor system, and its panels stay empty without one. Thread-safe.
 */
public final class TimelineRecorder implements AutoCloseable {

  /** One recorded value of one series. */
  private record Point(double seconds, double value) {}

  /** A series: its name, its panel, its colour and its points. */
  private record Series(String name, int panel, String colour, List<Point> points) {}

  private static final String[] PANELS = {"pools", "CPU %", "memory %", "queued jobs"};
  private static final int WIDTH = 800;
  private static final int PANEL_HEIGHT = 120;
  private static final int LEFT = 60;
  private static final int RIGHT = 20;
  private static final int TOP = 40;
  private static final int GAP = 30;

  private final long startNanos = System.nanoTime();
  private final PoolObserver observer;
  private final Series desired = new Series("desired pools", 0, "#1f77b4", new ArrayList<>());
  private final Series total = new Series("total pools", 0, "#ff7f0e", new ArrayList<>());
  private final Series cpu = new Series("cpu", 1, "#d62728", new ArrayList<>());
  private final Series memory = new Series("memory", 2, "#2ca02c", new ArrayList<>());
  private final Series queued = new Series("queued", 3, "#9467bd", new ArrayList<>());

  private TimelineRecorder(PoolObserver observer) {
    this.observer = observer;
  }

  /**
   * Starts recording {@code supervisor}.
   *
   * @param system its actor system
   * @param supervisor the supervisor
   * @return the recorder
   */
  public static TimelineRecorder start(ActorSystem system, ActorRef supervisor) {
    PoolObserver observer = PoolObserver.watch(system, supervisor, Duration.ofMillis(100));
    TimelineRecorder recorder = new TimelineRecorder(observer);
    observer.onEvery(recorder::record);
    return recorder;
  }

  private synchronized void record(Object seen) {
    double t = (System.nanoTime() - startNanos) / 1e9;
    if (seen instanceof PoolStatus s) {
      desired.points().add(new Point(t, s.desired()));
      total.points().add(new Point(t, s.total()));
      queued.points().add(new Point(t, s.queued()));
    } else if (seen instanceof LoadSnapshot l) {
      if (!Double.isNaN(l.cpu())) {
        cpu.points().add(new Point(t, l.cpu() * 100));
      }
      if (!Double.isNaN(l.memory())) {
        memory.points().add(new Point(t, l.memory() * 100));
      }
    }
  }

  /** Stops recording; what was recorded can still be written. */
  @Override
  public void close() {
    observer.close();
  }

  /**
   * Writes the timeline recorded so far.
   *
   * @param file where to write the SVG
   * @throws IOException if it cannot be written
   */
  public void writeSvg(Path file) throws IOException {
    Files.writeString(file, toSvg(), StandardCharsets.UTF_8);
  }

  /** The timeline recorded so far as an SVG document. */
  public synchronized String toSvg() {
    // Total first, so the dashed desired line stays visible where the two agree.
    List<Series> all = List.of(total, desired, cpu, memory, queued);
    double end = 1;
    for (Series s : all) {
      for (Point p : s.points()) {
        end = Math.max(end, p.seconds());
      }
    }
    int height = TOP + PANELS.length * (PANEL_HEIGHT + GAP) + 20;
    StringBuilder svg = new StringBuilder();
    svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH)
        .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(WIDTH)
        .append(' ').append(height).append("\" font-family=\"sans-serif\" font-size=\"11\">\n")
        .append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n")
        .append("<text x=\"").append(LEFT).append("\" y=\"20\" font-size=\"14\">")
        .append(escape(observer.supervisor())).append(": pools, load and queue over ")
        .append(fmt(end)).append(" s</text>\n");
    for (int panel = 0; panel < PANELS.length; panel++) {
      double max = panel == 1 || panel == 2 ? 100 : 1;
      for (Series s : all) {
        if (s.panel() == panel) {
          for (Point p : s.points()) {
            max = Math.max(max, p.value());
          }
        }
      }
      if (panel == 0 || panel == 3) {
        max = Math.ceil(max * 1.1);
      }
      appendPanel(svg, panel, max, end, all);
    }
    svg.append("</svg>\n");
    return svg.toString();
  }

  private void appendPanel(StringBuilder svg, int panel, double max, double end,
      List<Series> all) {
    int top = TOP + panel * (PANEL_HEIGHT + GAP);
    int plotWidth = WIDTH - LEFT - RIGHT;
    svg.append("<g class=\"panel\" id=\"panel-").append(panel).append("\">\n")
        .append("<rect x=\"").append(LEFT).append("\" y=\"").append(top).append("\" width=\"")
        .append(plotWidth).append("\" height=\"").append(PANEL_HEIGHT)
        .append("\" fill=\"none\" stroke=\"#999\"/>\n")
        .append("<text x=\"").append(LEFT).append("\" y=\"").append(top - 5).append("\">")
        .append(escape(PANELS[panel])).append("</text>\n");
    // Y axis: zero and the maximum; x axis: five ticks in seconds.
    svg.append(label(LEFT - 5, top + PANEL_HEIGHT, "end", fmt(0)))
        .append(label(LEFT - 5, top + 10, "end", panel == 1 || panel == 2 ? fmt(max)
            : String.valueOf((long) max)));
    for (int i = 0; i <= 4; i++) {
      double x = LEFT + plotWidth * i / 4.0;
      svg.append(label(x, top + PANEL_HEIGHT + 13, "middle", fmt(end * i / 4) + " s"));
    }
    int legendX = LEFT + plotWidth - 10;
    for (Series s : all) {
      if (s.panel() != panel) {
        continue;
      }
      StringBuilder path = new StringBuilder();
      Point previous = null;
      for (Point p : s.points()) {
        double x = LEFT + plotWidth * p.seconds() / end;
        double y = top + PANEL_HEIGHT - PANEL_HEIGHT * p.value() / max;
        if (previous == null) {
          path.append('M').append(fmt(x)).append(',').append(fmt(y));
        } else {
          // Pool counts change in steps: hold the old value until the new one was seen.
          double prevY = top + PANEL_HEIGHT - PANEL_HEIGHT * previous.value() / max;
          path.append(" L").append(fmt(x)).append(',').append(fmt(prevY))
              .append(" L").append(fmt(x)).append(',').append(fmt(y));
        }
        previous = p;
      }
      svg.append("<path class=\"series\" data-series=\"").append(escape(s.name()))
          .append("\" d=\"").append(path).append("\" fill=\"none\" stroke=\"")
          .append(s.colour()).append("\" stroke-width=\"2\"")
          .append(s == desired ? " stroke-dasharray=\"6 4\"" : "").append("/>\n")
          .append("<text x=\"").append(legendX).append("\" y=\"").append(top + 15)
          .append("\" text-anchor=\"end\" fill=\"").append(s.colour()).append("\">")
          .append(escape(s.name())).append("</text>\n");
      legendX -= 90;
    }
    svg.append("</g>\n");
  }

  private static String label(double x, double y, String anchor, String text) {
    return "<text x=\"" + fmt(x) + "\" y=\"" + fmt(y) + "\" text-anchor=\"" + anchor
        + "\" fill=\"#555\">" + escape(text) + "</text>\n";
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
