package org.mmapcheck.analyzer.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mmapcheck.analyzer.engine.Severity;

/**
 * A horizontal bar chart of findings, one stacked bar per label (errors, warnings, notes), laid out
 * here in pixels so the template only draws it as inline SVG.
 */
public record BarChart(int width, int height, int barX, List<Bar> bars) {

  /** One label's findings: the counts per level, and where the bar sits. */
  public record Bar(String label, int errors, int warnings, int notes, int y, int totalX, List<Segment> segments) {
    public int total() {
      return errors + warnings + notes;
    }
  }

  public record Segment(String level, int count, int x, int width) {}

  static final int LABEL_WIDTH = 270;
  static final int BAR_WIDTH = 360;
  static final int ROW = 22;

  /** {@code counts} maps each label to its findings per {@link Severity} ordinal. */
  static BarChart of(Map<String, int[]> counts) {
    int max = 1;
    for (int[] c : counts.values()) max = Math.max(max, c[0] + c[1] + c[2]);
    List<Bar> bars = new ArrayList<>();
    int y = 0;
    for (Map.Entry<String, int[]> e : counts.entrySet()) {
      int[] c = e.getValue();
      List<Segment> segments = new ArrayList<>();
      int x = LABEL_WIDTH;
      for (Severity s : List.of(Severity.ERROR, Severity.WARNING, Severity.NOTE)) {
        int n = c[s.ordinal()];
        if (n == 0) continue;
        // At least a pixel or two, so one finding among thousands is still seen.
        int w = Math.max(2, Math.round((float) n * BAR_WIDTH / max));
        segments.add(new Segment(s.sarifLevel(), n, x, w));
        x += w;
      }
      bars.add(new Bar(e.getKey(), c[Severity.ERROR.ordinal()], c[Severity.WARNING.ordinal()], c[Severity.NOTE.ordinal()], y, x + 6, List.copyOf(segments)));
      y += ROW;
    }
    return new BarChart(LABEL_WIDTH + BAR_WIDTH + 60, Math.max(ROW, y), LABEL_WIDTH, List.copyOf(bars));
  }
}
