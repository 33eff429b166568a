package io.slaflow.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Writes a benchmark's section of {@code BENCHMARKS.md}: each benchmark owns the text between its two markers, so
 * benchmarks run one at a time keep the others' figures. A run at smoke size writes under {@code target/} instead,
 * so CI never rewrites the published figures.
 */
public final class BenchmarkResults {

  /** The size the benchmarks run at: {@code -Dbench.size=full} for the published figures, tiny otherwise. */
  public static boolean full() {
    return "full".equals(System.getProperty("bench.size", "smoke"));
  }

  private BenchmarkResults() {}

  /** Replaces (or appends) the section {@code name} with {@code markdown}, headed by the machine and the date. */
  public static synchronized Path write(String name, String title, String markdown) throws IOException {
    Path file = full() ? Path.of("BENCHMARKS.md") : Path.of("target", "BENCHMARKS-smoke.md");
    String begin = "<!-- bench:" + name + " -->";
    String end = "<!-- /bench:" + name + " -->";
    String section = begin + "\n## " + title + "\n\n" + "Run on " + LocalDate.now(ZoneOffset.UTC) + ", " + machine()
        + ".\n\n" + markdown.strip() + "\n" + end;
    String text = Files.exists(file) ? Files.readString(file) : "# Benchmarks\n\n"
        + "Produced by `mvn -B -Pbench test` (see README). Every figure is measured beside its baseline in the same"
        + " run, on the same machine; ratios come first because shared machines are noisy.\n";
    int from = text.indexOf(begin);
    int to = text.indexOf(end);
    text = from >= 0 && to > from ? text.substring(0, from) + section + text.substring(to + end.length())
        : text.stripTrailing() + "\n\n" + section + "\n";
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, text);
    return file;
  }

  /** Cores, CPU model, memory, operating system and Java: what a reader needs to compare figures. */
  public static String machine() {
    String cpu = "unknown CPU";
    String memory = "";
    try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
      cpu = lines.filter(l -> l.startsWith("model name")).findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim())
          .orElse(cpu);
    } catch (IOException | RuntimeException e) {
      // not Linux: the CPU stays unnamed
    }
    try (Stream<String> lines = Files.lines(Path.of("/proc/meminfo"))) {
      memory = lines.filter(l -> l.startsWith("MemTotal")).findFirst()
          .map(l -> String.format(Locale.ROOT, ", %.0f GiB",
              Long.parseLong(l.replaceAll("\\D", "")) / 1024.0 / 1024.0)).orElse("");
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + ")" + memory + ", "
        + System.getProperty("os.name") + " " + System.getProperty("os.version") + ", Java "
        + System.getProperty("java.version") + ", JVM heap max "
        + ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax() / 1024 / 1024 + " MiB";
  }

  /**
   * The data rows of every table in section {@code name} of the file {@link #write} wrote, cells trimmed: what a smoke
   * run checks, so that a benchmark that measures nothing (an empty table, a NaN ratio) fails in CI, not in review.
   */
  public static List<List<String>> rows(Path file, String name) throws IOException {
    String text = Files.readString(file);
    List<String> lines = text.substring(text.indexOf("<!-- bench:" + name + " -->"),
        text.indexOf("<!-- /bench:" + name + " -->")).lines().toList();
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      boolean header = i + 1 < lines.size() && lines.get(i + 1).startsWith("| ---");
      String line = lines.get(i);
      if (line.startsWith("| ") && !line.startsWith("| ---") && !header) {
        rows.add(Stream.of(line.substring(1, line.length() - 1).split("\\|")).map(String::trim).toList());
      }
    }
    return rows;
  }

  /** A ratio cell (its figure before any remark) is a finite figure, not negative; else the assertion names the row. */
  public static void assertRatio(List<String> row, int column) {
    String cell = row.get(column).split(" ")[0];
    double ratio;
    try {
      ratio = Double.parseDouble(cell);
    } catch (NumberFormatException e) {
      throw new AssertionError("Not a ratio in column " + column + ": " + row);
    }
    if (!Double.isFinite(ratio) || ratio < 0) {
      throw new AssertionError("Ratio " + cell + " in " + row);
    }
  }

  /** A markdown table. */
  public static String table(List<String> header, List<List<String>> rows) {
    StringBuilder md = new StringBuilder("| ").append(String.join(" | ", header)).append(" |\n|");
    header.forEach(h -> md.append(" --- |"));
    md.append('\n');
    rows.forEach(r -> md.append("| ").append(String.join(" | ", r)).append(" |\n"));
    return md.toString();
  }
}
