package org.mmapcheck.analyzer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.mmapcheck.analyzer.engine.Finding;
import org.mmapcheck.analyzer.engine.ScanStats;
import org.mmapcheck.analyzer.engine.Severity;
import org.mmapcheck.analyzer.model.Location;

class AuditReportTest {

  private static final List<String> SUBSYSTEMS =
      List.of("drivers/gpu/drm", "drivers/media", "drivers/dma-buf", "drivers/misc", "sound/soc");

  /** A scan with {@code count} findings over 40 exporters, six rules and five subsystems. */
  private static ScanRecord synthetic(int count) {
    List<Finding> findings = new ArrayList<>();
    Map<Location, ScanRecord.Excerpt> excerpts = new HashMap<>();
    for (int i = 0; i < count; i++) {
      int exporter = i % 40;
      String dir = SUBSYSTEMS.get(exporter % SUBSYSTEMS.size()) + "/drv" + exporter;
      Location table = Location.at(dir + "/exp.c", 900, 33);
      Location at = Location.at(dir + "/code" + (i % 7) + ".c", 10 + i, 5);
      Severity level = Severity.values()[i % 3];
      List<Finding.Related> flow =
          List.of(
              new Finding.Related(Location.at(dir + "/exp.c", 901, 2), "ops" + exporter + ".mmap = mmap" + exporter),
              new Finding.Related(Location.at(dir + "/exp.c", 100, 12), "mmap" + exporter + "()"),
              new Finding.Related(at, "wait_for_device()"));
      findings.add(
          new Finding(
              "dmabuf/rule-" + (i % 6), level, "finding " + i + " waits <for> & device", at, "fn" + i,
              List.of(new Finding.Related(table, "exporter ops" + exporter)), List.of(flow)));
      List<String> source = new ArrayList<>();
      for (int n = 0; n < 7; n++) source.add("\tline " + n + " of finding " + i + " /* <b> */");
      excerpts.put(at, ScanRecord.around(source, at.line() - 3, at.line(), at.line()));
    }
    return new ScanRecord(
        "/trees/synthetic", "current", "0.1.0", new ScanStats(60000, 1L << 30, 500, 2, 10, 9000, 1, 1, 1),
        findings, List.of(), null, excerpts, "read from the tree");
  }

  @Test
  void thousandsOfFindingsMakeOnePageOfReasonableSize() throws IOException {
    int count = 3000;
    AuditReport report = AuditReport.of(List.of(synthetic(count)), List.of(), Instant.parse("2026-01-01T00:00:00Z"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    HtmlReport.writeHtml(report, out);
    // Each finding shows a 7-line excerpt and a 3-step flow: a few kilobytes, no more.
    assertTrue(out.size() < count * 4_000, "page of " + out.size() + " bytes");
    Document doc = Jsoup.parse(out.toString(StandardCharsets.UTF_8));
    assertEquals(count, doc.select("details.finding").size());
    // Closed when there are this many, so the page opens on the matrix, not a wall of code.
    assertTrue(doc.select("details.finding[open]").isEmpty());
    assertEquals(40, doc.select("#matrix-table tbody tr.exporter").size());
    assertEquals(6, doc.select("#chart-rule g.bar").size());
    assertEquals(SUBSYSTEMS.size(), doc.select("#chart-subsystem g.bar").size());
    assertEquals(count * 7, doc.select("pre.excerpt .line").size());
    assertEquals(count, doc.select("pre.excerpt .line.hit").size());
    assertEquals(String.valueOf(count / 6), doc.selectFirst("#chart-rule g.bar[data-label=dmabuf/rule-0]").attr("data-total"));
    // Each exporter has its 75 findings, all from rules 0..5 as i % 40 and i % 6 fall.
    assertEquals("75", doc.selectFirst("tr.exporter[data-name=ops0] td.count").text());
  }

  @Test
  void markdownOfThousandsIsOneTableRowEach() throws IOException {
    AuditReport report = AuditReport.of(List.of(synthetic(2000)), List.of(), Instant.EPOCH);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    HtmlReport.writeMarkdown(report, out);
    String md = out.toString(StandardCharsets.UTF_8);
    assertEquals(2000, md.lines().filter(l -> l.contains("waits \\<for\\> \\& device")).count());
    // Each row ends with the finding's own line, escaped.
    assertEquals(2000, md.lines().filter(l -> l.matches(".* \\| line 3 of finding \\d+ /\\\\\\* \\\\<b\\\\> \\\\\\*/ \\|")).count());
  }

  @Test
  void hitTextIsTheFindingsLinesOnOneLineCutShort() {
    ScanRecord.Excerpt two = ScanRecord.around(List.of("a", "\tb(x,", "\t  y);", "c"), 1, 2, 3);
    assertEquals("b(x, y);", two.hitText());
    ScanRecord.Excerpt longLine = ScanRecord.around(List.of("x".repeat(150)), 1, 1, 1);
    assertEquals("x".repeat(ScanRecord.HIT_TEXT - 1) + "\u2026", longLine.hitText());
  }

  @Test
  void subsystemIsTwoDirectoriesThreeUnderGroups() {
    assertEquals("drivers/gpu/drm", AuditReport.subsystem("drivers/gpu/drm/i915/gem/i915_gem_mman.c"));
    assertEquals("drivers/dma-buf", AuditReport.subsystem("drivers/dma-buf/udmabuf.c"));
    assertEquals("drivers/dma-buf", AuditReport.subsystem("drivers/dma-buf/heaps/system_heap.c"));
    assertEquals("drivers/media", AuditReport.subsystem("drivers/media/common/videobuf2/videobuf2-dma-sg.c"));
    assertEquals("drivers/gpu", AuditReport.subsystem("drivers/gpu/x.c"));
    assertEquals("sound/soc", AuditReport.subsystem("sound/soc/sof/x.c"));
    assertEquals("(top)", AuditReport.subsystem("x.c"));
  }

  @Test
  void excerptStaysInsideTheFile() {
    List<String> source = List.of("a", "b", "c", "d");
    ScanRecord.Excerpt e = ScanRecord.around(source, 1, 2, 2);
    assertEquals(List.of(1, 2, 3, 4), e.lines().stream().map(ScanRecord.Line::number).toList());
    assertEquals(List.of(false, true, false, false), e.lines().stream().map(ScanRecord.Line::hit).toList());
    assertNull(ScanRecord.around(source, 1, 40, 40));
  }
}
