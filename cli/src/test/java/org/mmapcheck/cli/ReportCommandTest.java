package org.mmapcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableBody;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.CustomBlock;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmapcheck.cli.MmapCheckTest.Run;
import org.mmapcheck.rules.BuiltinRules;

/** {@code mmapcheck report} on the sample tree and on markup fixtures, read back as a browser would parse it. */
class ReportCommandTest {

  static final String SAMPLE = "../corpus/sample";
  static final String MARKUP = "src/test/resources/report-markup";

  @TempDir Path dir;

  private Document page(String... args) throws IOException {
    Path out = dir.resolve("report-" + System.nanoTime() + ".html");
    String[] all = new String[args.length + 4];
    all[0] = "report";
    all[1] = "-q";
    all[2] = "-o";
    all[3] = out.toString();
    System.arraycopy(args, 0, all, 4, args.length);
    Run r = MmapCheckTest.run(all);
    assertEquals(0, r.exit(), r.err());
    return Jsoup.parse(out.toFile(), "UTF-8");
  }

  private static JsonNode scanJson(String tree) throws IOException {
    Run r = MmapCheckTest.run("scan", "-q", "--format", "json", "--fail-on", "never", tree);
    return new ObjectMapper().readTree(r.out());
  }

  @Test
  void sampleReportShowsEveryExporterFindingAndRule() throws IOException {
    Document doc = page(SAMPLE);
    JsonNode scan = scanJson(SAMPLE);
    JsonNode inventory = new ObjectMapper().readTree(MmapCheckTest.run("inventory", "-q", SAMPLE).out());

    Set<String> exporters = new HashSet<>();
    for (JsonNode e : inventory) exporters.add(e.path("id").asText().replaceAll(".*:", ""));
    Set<String> rows = new HashSet<>(doc.select("#matrix-table tbody tr.exporter").eachAttr("data-name"));
    assertEquals(exporters, rows);
    assertEquals(7, rows.size());

    List<Element> findings = doc.select("details.finding");
    assertEquals(scan.path("findings").size(), findings.size());
    assertEquals(8, findings.size());
    assertEquals("7", doc.getElementById("exporter-count").text());
    assertTrue(doc.getElementById("finding-count").text().startsWith("8: 1 error, 2 warning, 5 note"));
    assertEquals("9 read, 8 parsed, 0 not parsed", doc.getElementById("files").text());

    // The verdict of fault-sync for toy_prime_ops is an error, linked to that finding.
    Element prime = doc.selectFirst("tr.exporter[data-name=toy_prime_ops]");
    int column = columnOf(doc, "fault-sync");
    Element verdict = prime.child(column);
    assertEquals("error", verdict.text());
    Element target = doc.getElementById(verdict.selectFirst("a").attr("href").substring(1));
    assertEquals("dmabuf/fault-sync", target.attr("data-rule"));
    assertEquals("drivers/gpu/drm", target.attr("data-subsystem"));
    assertEquals("toy_prime_ops", target.selectFirst("code.exporter-name").text());
    // Its source excerpt, with the offending line marked, and its code flow from the ops table.
    assertTrue(target.selectFirst("pre.excerpt .line.hit").text().contains("dma_resv_wait_timeout"));
    assertEquals(7, target.select("pre.excerpt .line").size());
    List<String> flow = target.select("ol.flow li").eachText();
    assertEquals(7, flow.size());
    assertTrue(flow.get(0).endsWith("toy_prime_ops.mmap = toy_prime_mmap"), flow.get(0));
    // An exporter without findings passes every rule.
    Element npu = doc.selectFirst("tr.exporter[data-name=toy_npu_ops]");
    assertEquals(BuiltinRules.all().size(), npu.select("td.v-pass").size());

    // Counts: the chart's bars say what the findings say.
    assertEquals("2", doc.selectFirst("#chart-rule g.bar[data-label=dmabuf/fault-interception]").attr("data-total"));
    assertEquals("3", doc.selectFirst("#chart-subsystem g.bar[data-label=drivers/misc]").attr("data-total"));
    assertEquals(7, doc.select("#chart-rule g.bar").size());

    // Every rule's documentation is on the page, one link from its column.
    for (Element link : doc.select("#matrix-table thead th.rule a")) {
      Element docs = doc.getElementById(link.attr("href").substring(1));
      assertTrue(docs != null && docs.hasClass("rule"), link.attr("href"));
      assertFalse(docs.select(".doc h1, .doc h2, .doc p").isEmpty(), link.attr("href"));
    }
    assertEquals(BuiltinRules.all().size(), doc.select("section.rule").size());

    // Self-contained: nothing to fetch.
    assertTrue(doc.select("[src], link[href], object, iframe, embed").isEmpty());
    assertTrue(doc.select("a[href]").stream().allMatch(a -> a.attr("href").startsWith("#") || a.attr("href").startsWith("http")));
  }

  /** The index of a rule's verdict column in the matrix's rows. */
  static int columnOf(Document doc, String shortName) {
    List<Element> heads = doc.select("#matrix-table thead th");
    for (int i = 0; i < heads.size(); i++) if (heads.get(i).selectFirst("button").text().equals(shortName)) return i;
    throw new AssertionError("no column " + shortName);
  }

  @Test
  void headerListsFilesWithNotifications() throws IOException {
    Path drv = Files.createDirectories(dir.resolve("tree/drivers/latin"));
    byte[] source =
        ("/* caf\u00e9 */\nstatic int l_mmap(struct dma_buf *b, struct vm_area_struct *v)\n{\n\treturn -ENODEV;\n}\n"
                + "static const struct dma_buf_ops l_ops = {\n\t.mmap = l_mmap,\n};\n")
            .getBytes(StandardCharsets.ISO_8859_1);
    Files.write(drv.resolve("latin.c"), source);
    Document doc = page(dir.resolve("tree").toString());
    Element note = doc.selectFirst("#file-notes li");
    assertEquals("drivers/latin/latin.c", note.selectFirst("code").text());
    assertTrue(note.text().contains("not valid UTF-8"), note.text());
    assertEquals(1, doc.select("details.finding").size());
  }

  @Test
  void markupInSourceStaysText() throws IOException {
    Document doc = page(MARKUP);
    assertEquals(1, doc.select("script").size(), "only the page's own script");
    assertTrue(doc.select("img, b").isEmpty(), "no element from the source");
    String excerpt = doc.selectFirst("details.finding pre.excerpt").wholeText();
    assertTrue(excerpt.contains("/* </script><script>alert(\"comment\")</script> <img src=x onerror=alert(1)> & &amp; */"), excerpt);
    assertTrue(excerpt.contains("pr_err(\"markup: <b>no</b> mmap </style> & '\\\"\\n\");"), excerpt);
    assertEquals("markup_ops", doc.selectFirst("tr.exporter").attr("data-name"));
  }

  @Test
  void markupInAScanFileStaysTextAndOutOfAttributes() throws IOException {
    String evil = "x\\\" onmouseover=\\\"alert(1)\\\" </script><img src=y>";
    Path sarif = dir.resolve("crafted.sarif");
    Files.writeString(
        sarif,
        """
        {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "mmapcheck", "version": "0.1.0"}},
          "results": [{"ruleId": "dmabuf/%s", "level": "error", "message": {"text": "%s"},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": "drivers/evil/e.c"},
              "region": {"startLine": 3, "startColumn": 1, "snippet": {"text": "int %s;"}}}}],
            "relatedLocations": [{"id": 1, "message": {"text": "exporter %s"},
              "physicalLocation": {"artifactLocation": {"uri": "drivers/evil/e.c"}, "region": {"startLine": 9}}}]}]}]}
        """
            .formatted(evil, evil, evil, evil));
    Document doc = page("--from", sarif.toString());
    assertEquals(1, doc.select("script").size());
    assertTrue(doc.select("img, [onmouseover]").isEmpty());
    String name = "x\" onmouseover=\"alert(1)\" </script><img src=y>";
    assertEquals(name, doc.selectFirst("tr.exporter").attr("data-name"));
    Element finding = doc.selectFirst("details.finding");
    assertEquals("dmabuf/" + name, finding.attr("data-rule"));
    assertEquals(name, finding.selectFirst(".message").text());
    assertEquals("int " + name + ";", finding.selectFirst("pre.excerpt .line.hit").text().replaceFirst("^3", ""));

    Run md = MmapCheckTest.run("report", "--format", "markdown", "--from", sarif.toString());
    assertEquals(0, md.exit(), md.err());
    assertTrue(rawHtml(md.out()).isEmpty(), rawHtml(md.out()).toString());
  }

  @Test
  void markdownSummaryIsGithubTables() throws IOException {
    Run r = MmapCheckTest.run("report", "-q", "--format", "markdown", SAMPLE);
    assertEquals(0, r.exit(), r.err());
    Node doc = Parser.builder().extensions(List.of(TablesExtension.create())).build().parse(r.out());
    List<TableBlock> tables = new ArrayList<>();
    doc.accept(
        new AbstractVisitor() {
          @Override
          public void visit(CustomBlock block) {
            if (block instanceof TableBlock t) tables.add(t);
            visitChildren(block);
          }
        });
    // Header, per rule, per subsystem, exporters, findings.
    assertEquals(5, tables.size());
    assertEquals(7, bodyRows(tables.get(1)));
    assertEquals(4, bodyRows(tables.get(2)));
    assertEquals(7, bodyRows(tables.get(3)));
    assertEquals(8, bodyRows(tables.get(4)));
    assertTrue(rawHtml(r.out()).isEmpty());

    Run markup = MmapCheckTest.run("report", "-q", "--format", "markdown", MARKUP);
    assertTrue(markup.out().contains("markup\\_ops"), markup.out());
  }

  private static int bodyRows(TableBlock table) {
    for (Node n = table.getFirstChild(); n != null; n = n.getNext()) {
      if (n instanceof TableBody body) {
        int rows = 0;
        for (Node row = body.getFirstChild(); row != null; row = row.getNext()) rows++;
        return rows;
      }
    }
    return 0;
  }

  /** Raw HTML a Markdown renderer would pass through: there must be none. */
  private static List<String> rawHtml(String markdown) {
    List<String> out = new ArrayList<>();
    Parser.builder().extensions(List.of(TablesExtension.create())).build().parse(markdown).accept(
        new AbstractVisitor() {
          @Override
          public void visit(HtmlInline html) {
            out.add(html.getLiteral());
          }

          @Override
          public void visit(HtmlBlock html) {
            out.add(html.getLiteral());
          }
        });
    return out;
  }

  @Test
  void fromSarifAndJsonKeepTheFindings() throws IOException {
    Path sarif = dir.resolve("s.sarif");
    Path json = dir.resolve("s.json");
    assertEquals(0, MmapCheckTest.run("scan", "-q", "--fail-on", "never", "-o", sarif.toString(), SAMPLE).exit());
    assertEquals(0, MmapCheckTest.run("scan", "-q", "--fail-on", "never", "--format", "json", "-o", json.toString(), SAMPLE).exit());
    Document scanned = page(SAMPLE);
    for (Path file : List.of(sarif, json)) {
      Document doc = page("--from", file.toString());
      assertEquals(scanned.select("details.finding").eachAttr("data-rule"), doc.select("details.finding").eachAttr("data-rule"), file.toString());
      assertEquals(
          scanned.select("details.finding ol.flow").eachText(), doc.select("details.finding ol.flow").eachText(), file.toString());
      // Without the tree there is no excerpt, and the page says so.
      assertTrue(doc.select("pre.excerpt").isEmpty());
      assertEquals(8, doc.select("p.no-excerpt").size());
      // The exporters are those the findings name; a finding file holds no mmap profile.
      Set<String> named = new HashSet<>(doc.select("tr.exporter").eachAttr("data-name"));
      assertTrue(named.containsAll(Set.of("toy_prime_ops", "toy_cam_ops", "toy_ubuf_ops")), named.toString());
    }
  }

  @Test
  void badInputIsOneLineExitTwoAndNoPage() throws IOException {
    Path out = dir.resolve("report.html");
    Files.writeString(out, "previous report");
    Path other = dir.resolve("other.sarif");
    Files.writeString(other, "{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {\"driver\": {\"name\": \"CodeQL\"}}, \"results\": []}]}");
    Path broken = dir.resolve("broken.json");
    Files.writeString(broken, "{\"findings\": [");
    Path foreignJson = dir.resolve("foreign.json");
    Files.writeString(foreignJson, "{\"tool\": \"sparse\", \"findings\": []}");
    List<List<String>> cases =
        List.of(
            List.of("--from", other.toString(), "-o", out.toString()),
            List.of("--from", broken.toString(), "-o", out.toString()),
            List.of("--from", foreignJson.toString(), "-o", out.toString()),
            List.of("--from", dir.resolve("missing.sarif").toString(), "-o", out.toString()),
            List.of("--from", dir.toString(), "-o", out.toString()),
            List.of("-o", dir.resolve("no/such/dir/r.html").toString(), SAMPLE),
            List.of("-o", dir.toString(), SAMPLE),
            List.of("--from", other.toString(), SAMPLE));
    for (List<String> args : cases) {
      String[] all = new String[args.size() + 1];
      all[0] = "report";
      for (int i = 0; i < args.size(); i++) all[i + 1] = args.get(i);
      Run r = MmapCheckTest.run(all);
      assertEquals(2, r.exit(), args + ": " + r.err());
      assertEquals(1, r.err().strip().lines().count(), args + ": " + r.err());
      assertFalse(r.err().contains("Exception"), r.err());
      assertEquals("", r.out());
    }
    assertEquals("previous report", Files.readString(out, StandardCharsets.UTF_8));
    try (var files = Files.list(dir)) {
      assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")));
    }
    Run other1 = MmapCheckTest.run("report", "--from", other.toString());
    assertTrue(other1.err().contains("SARIF from CodeQL, not mmapcheck"), other1.err());
    Run missing = MmapCheckTest.run("report", "--from", dir.resolve("missing.sarif").toString());
    assertTrue(missing.err().endsWith("missing.sarif: no such file or directory\n"), missing.err());
  }
}
