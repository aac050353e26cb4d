package io.actorpool.benchmarks.scenario;

import java.util.List;
import java.util.Locale;

/** A hand-written SVG line chart of pool count over time: the target dashed, one line per controller. */
public final class SvgChart {

  private static final String[] COLOURS = {"#d62728", "#1f77b4", "#2ca02c", "#9467bd", "#ff7f0e",
      "#8c564b"};
  private static final int W = 900;
  private static final int H = 420;
  private static final int LEFT = 60;
  private static final int RIGHT = 210;
  private static final int TOP = 40;
  private static final int BOTTOM = 50;

  private SvgChart() {}

  /** One line of the chart. */
  public record Series(String name, int[] values) {}

  public static String draw(String title, int[] target, List<Series> series) {
    int ticks = target.length;
    int max = 1;
    for (int v : target) {
      max = Math.max(max, v);
    }
    for (Series s : series) {
      for (int v : s.values()) {
        max = Math.max(max, v);
      }
    }
    double xScale = (W - LEFT - RIGHT) / (double) Math.max(1, ticks - 1);
    double yScale = (H - TOP - BOTTOM) / (double) max;
    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
            + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", W, H, W, H));
    svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"24\" font-size=\"16\">%s</text>%n",
        LEFT, escape(title)));
    int x0 = LEFT;
    int y0 = H - BOTTOM;
    svg.append(String.format(Locale.ROOT,
        "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n", x0, y0, W - RIGHT, y0));
    svg.append(String.format(Locale.ROOT,
        "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>%n", x0, y0, x0, TOP));
    for (int i = 0; i <= 4; i++) {
      int value = (int) Math.round(max * i / 4.0);
      double y = y0 - value * yScale;
      svg.append(String.format(Locale.ROOT,
          "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%d</text>%n", x0 - 6, y + 4, value));
      svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" "
          + "stroke=\"#ddd\"/>%n", x0, y, W - RIGHT, y));
    }
    for (int i = 0; i <= 5; i++) {
      int tick = (int) Math.round((ticks - 1) * i / 5.0);
      svg.append(String.format(Locale.ROOT,
          "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>%n",
          x0 + tick * xScale, y0 + 18, tick));
    }
    svg.append(String.format(Locale.ROOT,
        "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">control tick (%d s)</text>%n",
        (LEFT + W - RIGHT) / 2, H - 12, Controllers.TICK_SECONDS));
    svg.append(String.format(Locale.ROOT,
        "<text x=\"16\" y=\"%d\" transform=\"rotate(-90 16 %d)\" text-anchor=\"middle\">pools"
            + "</text>%n", (TOP + y0) / 2, (TOP + y0) / 2));
    line(svg, target, xScale, yScale, "black", "stroke-dasharray=\"6 4\"");
    legend(svg, 0, "target", "black");
    for (int i = 0; i < series.size(); i++) {
      String colour = COLOURS[i % COLOURS.length];
      line(svg, series.get(i).values(), xScale, yScale, colour, "");
      legend(svg, i + 1, series.get(i).name(), colour);
    }
    return svg.append("</svg>\n").toString();
  }

  private static void line(StringBuilder svg, int[] values, double xScale, double yScale,
      String colour, String extra) {
    StringBuilder points = new StringBuilder();
    for (int t = 0; t < values.length; t++) {
      points.append(String.format(Locale.ROOT, "%.1f,%.1f ", LEFT + t * xScale,
          H - BOTTOM - values[t] * yScale));
    }
    svg.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" "
        + "stroke-width=\"2\" %s points=\"%s\"/>%n", colour, extra, points.toString().trim()));
  }

  private static void legend(StringBuilder svg, int row, String name, String colour) {
    int y = TOP + 10 + row * 20;
    int x = W - RIGHT + 20;
    svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
        + "stroke=\"%s\" stroke-width=\"2\"/>%n", x, y, x + 24, y, colour));
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", x + 30, y + 4,
        escape(name)));
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
