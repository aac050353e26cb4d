package io.actorpool.top;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Renders a {@link TopModel} as plain text lines that fit a terminal: at most {@code width}
 * columns and {@code height} rows (80x24 by default), so the view works in the smallest usual
 * terminal. A pure function; colours are added by the caller.
 *
 * <p>Layout, top to bottom: a title line, the load line, a table with one row per supervisor,
 * then the pools, the leases, and as many recent events and decisions as still fit, newest last.
 * Each section is capped so that the recent events always keep a few rows.
 */
public final class TopRenderer {

  /** The most supervisor rows shown; the rest are counted. */
  static final int MAX_GROUP_ROWS = 6;
  /** The most rows of pools. */
  static final int MAX_POOL_ROWS = 4;
  /** The most rows of leases. */
  static final int MAX_LEASE_ROWS = 3;

  private static final String TABLE_HEADER =
      "SUPERVISOR            DES TOT IDLE BUSY LEAS DRAIN QUEUE UNITS  RUN  MIN  MAX";

  private TopRenderer() {}

  /** Renders for an 80x24 terminal. */
  public static List<String> render(TopModel model) {
    return render(model, 80, 24);
  }

  /**
   * Renders the model.
   *
   * @param model what to show
   * @param width the most columns of a line, at least 40
   * @param height the most lines, at least 10
   * @return the lines, none longer than {@code width}, at most {@code height}
   */
  public static List<String> render(TopModel model, int width, int height) {
    List<String> lines = new ArrayList<>();
    String title = "actorpool-top  " + model.target() + "  " + model.time() + "  "
        + model.groups().size() + " supervisor" + (model.groups().size() == 1 ? "" : "s");
    String keys = "q quits";
    lines.add(title + " ".repeat(Math.max(1, width - title.length() - keys.length())) + keys);
    lines.add("load: " + model.load());
    if (model.groups().isEmpty()) {
      lines.add("");
      lines.add("no ActorPool supervisors are registered in this JVM (yet)");
      return fit(lines, width, height);
    }
    lines.add(TABLE_HEADER);
    List<TopModel.Group> groups = model.groups();
    for (int i = 0; i < groups.size() && i < MAX_GROUP_ROWS; i++) {
      TopModel.Group g = groups.get(i);
      lines.add(String.format("%-20s %4d %3d %4d %4d %4d %5d %5d %5d %4d %4d %4d",
          shorten(g.supervisor(), 20), g.desired(), g.total(), g.idle(), g.busy(), g.leased(),
          g.draining(), g.queued(), g.units(), g.running(), g.minPools(), g.maxPools()));
    }
    if (groups.size() > MAX_GROUP_ROWS) {
      lines.add("... and " + (groups.size() - MAX_GROUP_ROWS) + " more supervisors");
    }

    List<String> pools = new ArrayList<>();
    for (TopModel.Group g : groups) {
      pools.addAll(wrap(name(g) + ": ", g.pools().stream().map(TopRenderer::compactPool).toList(),
          width));
    }
    section(lines, "POOLS (name state jobs)", pools, MAX_POOL_ROWS);

    List<String> leases = new ArrayList<>();
    for (TopModel.Group g : groups) {
      for (String l : g.leases()) {
        leases.add(name(g) + ": " + l);
      }
    }
    section(lines, "LEASES", leases, MAX_LEASE_ROWS);

    List<String> recent = new ArrayList<>();
    for (TopModel.Group g : groups) {
      for (String e : g.recent()) {
        // Each line starts with HH:mm:ss; insert the supervisor's name after it.
        int space = e.indexOf(' ');
        recent.add(space < 0 ? e : e.substring(0, space) + " " + name(g) + e.substring(space));
      }
    }
    // A stable sort by time keeps each supervisor's own order within a second.
    recent.sort(Comparator.comparing(e -> e.length() >= 8 ? e.substring(0, 8) : e));
    int room = height - lines.size() - 1;
    if (room > 0) {
      lines.add("RECENT EVENTS AND DECISIONS");
      lines.addAll(recent.subList(Math.max(0, recent.size() - room), recent.size()));
    }
    return fit(lines, width, height);
  }

  private static void section(List<String> lines, String title, List<String> rows, int max) {
    if (rows.isEmpty()) {
      return;
    }
    lines.add(title);
    if (rows.size() <= max) {
      lines.addAll(rows);
    } else {
      lines.addAll(rows.subList(0, max - 1));
      lines.add("... " + (rows.size() - max + 1) + " more");
    }
  }

  /** {@code pool-1 BUSY jobs=2 workers=4} as {@code pool-1 BUSY 2}. */
  static String compactPool(String line) {
    String[] parts = line.split(" ");
    if (parts.length >= 3 && parts[2].startsWith("jobs=")) {
      return parts[0] + " " + parts[1] + " " + parts[2].substring(5);
    }
    return line;
  }

  /** Items joined with " | ", wrapped to the width, the prefix on the first line only. */
  private static List<String> wrap(String prefix, List<String> items, int width) {
    List<String> out = new ArrayList<>();
    StringBuilder line = new StringBuilder(prefix);
    boolean first = true;
    for (String item : items) {
      String add = (first ? "" : " | ") + item;
      if (!first && line.length() + add.length() > width) {
        out.add(line.toString());
        line = new StringBuilder(" ".repeat(Math.min(prefix.length(), 8))).append(item);
      } else {
        line.append(add);
      }
      first = false;
    }
    out.add(line.toString());
    return out;
  }

  private static String name(TopModel.Group g) {
    String path = g.supervisor();
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** Keeps the end of a path, which names the supervisor. */
  static String shorten(String s, int max) {
    return s.length() <= max ? s : "..." + s.substring(s.length() - (max - 3));
  }

  private static List<String> fit(List<String> lines, int width, int height) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < lines.size() && i < height; i++) {
      String l = lines.get(i);
      out.add(l.length() <= width ? l : l.substring(0, width - 1) + ">");
    }
    return out;
  }
}
