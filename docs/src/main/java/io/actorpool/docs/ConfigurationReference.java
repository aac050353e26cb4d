package io.actorpool.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Generates {@code docs/configuration.md} from the live {@code reference.conf} files, so the
 * configuration reference cannot drift from the defaults and comments the code ships with. Each
 * key becomes a heading with its full path, its default and the comment above it; {@code # ---}
 * dividers become sections. Only the text between a file's outer {@code #//#name} markers is
 * used.
 *
 * <p>Run: {@code mvn -B -q -pl docs compile exec:java}. {@code ConfigurationReferenceTest} fails
 * when the checked-in file differs from what this produces.
 */
public final class ConfigurationReference {

  /** A reference.conf to document: its title, its path in the repository and its marker. */
  record Source(String title, String path, String marker) {}

  /** The files documented, in order. */
  static final List<Source> SOURCES = List.of(
      new Source("Core (`actorpool`)", "actorpool/src/main/resources/reference.conf",
          "actor-pool"),
      new Source("Cluster (`actorpool-cluster`)",
          "actorpool-cluster/src/main/resources/reference.conf", "actor-pool-cluster"));

  /** Where the generated page goes, relative to the repository root. */
  static final String OUTPUT = "docs/configuration.md";

  private ConfigurationReference() {}

  public static void main(String[] args) throws IOException {
    Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
    Files.writeString(root.resolve(OUTPUT), render(root), StandardCharsets.UTF_8);
    System.out.println("wrote " + root.resolve(OUTPUT));
  }

  /** The page for the repository at {@code root}. */
  static String render(Path root) throws IOException {
    StringBuilder md = new StringBuilder();
    md.append("# Configuration reference\n\n")
        .append("<!-- Generated from the reference.conf files by ")
        .append("docs/src/main/java/io/actorpool/docs/ConfigurationReference.java; ")
        .append("do not edit. Regenerate: mvn -B -q -pl docs compile exec:java -->\n\n")
        .append("Every setting, its default and its documentation, as the modules ship them in ")
        .append("their `reference.conf`. Override them in `application.conf`, or in code with ")
        .append("`PoolSettings.withX(...)`. A bad value fails when the settings are created, ")
        .append("with the key and the value in the message.\n");
    for (Source source : SOURCES) {
      String text = Files.readString(root.resolve(source.path()), StandardCharsets.UTF_8);
      md.append("\n## ").append(source.title()).append("\n\n")
          .append("From [`").append(source.path()).append("`](../").append(source.path())
          .append(").\n");
      renderKeys(md, between(text, "#//#" + source.marker()));
    }
    return md.toString();
  }

  /** The lines between the first and the last occurrence of the marker line. */
  static List<String> between(String text, String marker) {
    List<String> lines = text.lines().toList();
    int first = -1;
    int last = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).trim().equals(marker)) {
        if (first < 0) {
          first = i;
        }
        last = i;
      }
    }
    if (first < 0 || first == last) {
      throw new IllegalArgumentException("marker " + marker + " must open and close the block");
    }
    return lines.subList(first + 1, last);
  }

  private static void renderKeys(StringBuilder md, List<String> lines) {
    Deque<String> path = new ArrayDeque<>();
    List<String> comment = new ArrayList<>();
    for (String raw : lines) {
      String line = raw.trim();
      if (line.startsWith("#//#")) {
        continue;
      } else if (line.startsWith("# ---")) {
        String title = line.replaceAll("^# -+\\s*", "").replaceAll("\\s*-+$", "");
        md.append("\n### ").append(capitalize(title)).append("\n");
        comment.clear();
      } else if (line.startsWith("#")) {
        comment.add(line.length() > 1 && line.charAt(1) == ' ' ? line.substring(2)
            : line.substring(1));
      } else if (line.isEmpty()) {
        comment.clear();
      } else if (line.endsWith("{")) {
        path.addLast(line.substring(0, line.length() - 1).trim());
        if (path.size() > 1) {
          heading(md, path, null, comment);
        }
        comment.clear();
      } else if (line.equals("}")) {
        path.removeLast();
      } else if (line.contains("=")) {
        int eq = line.indexOf('=');
        String key = line.substring(0, eq).trim();
        String value = line.substring(eq + 1).trim();
        path.addLast(key);
        heading(md, path, value, comment);
        path.removeLast();
        comment.clear();
      }
    }
  }

  private static void heading(StringBuilder md, Deque<String> path, String value,
      List<String> comment) {
    md.append("\n#### `").append(String.join(".", path)).append("`\n\n");
    if (value != null) {
      md.append("Default: `").append(value).append("`\n\n");
    }
    // "Allowed:" and "Example:" start paragraphs of their own; other lines continue the text.
    StringBuilder paragraph = new StringBuilder();
    for (String c : comment) {
      String t = c.trim();
      boolean starts = t.startsWith("Allowed:") || t.startsWith("Example:");
      if (starts && paragraph.length() > 0) {
        md.append(paragraph).append("\n\n");
        paragraph.setLength(0);
      }
      if (paragraph.length() > 0) {
        paragraph.append(' ');
      }
      paragraph.append(t);
    }
    if (paragraph.length() > 0) {
      md.append(paragraph).append("\n");
    } else if (value == null) {
      md.append("A block of settings.\n");
    }
  }

  private static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
