package org.mmapcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mmapcheck.cli.MmapCheckTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmapcheck.cli.MmapCheckTest.Run;

/** scan --baseline: only what an earlier run's SARIF lacks, paired as diff pairs. */
class ScanBaselineTest {

  @TempDir Path dir;

  private Path tree() throws Exception {
    return GitCommandsTest.copySample(dir.resolve("tree"));
  }

  private Path earlierRun(Path tree) throws Exception {
    Path sarif = dir.resolve("earlier.sarif");
    Run r = run("scan", "--fail-on", "never", "-o", sarif.toString(), tree.toString());
    assertEquals(0, r.exit(), r.err());
    return sarif;
  }

  /** Lines pushed down and re-indented, and one new exporter without .mmap. */
  private static void change(Path tree) throws Exception {
    Path gem = tree.resolve("drivers/gpu/drm/toy/toy_gem.c");
    Files.writeString(gem, "/*\n * A longer header comment\n */\n" + Files.readString(gem).replace("\t", "        "));
    Files.writeString(tree.resolve("drivers/misc/toy_new.c"), GitCommandsTest.TOY);
  }

  @Test
  void reportsOnlyWhatTheEarlierRunLacksAcrossMovedCode() throws Exception {
    Path tree = tree();
    Path sarif = earlierRun(tree);
    Run same = run("scan", "--format", "text", "--fail-on", "note", "--baseline", sarif.toString(), tree.toString());
    assertEquals(0, same.exit(), same.err());
    assertEquals("", same.out());

    change(tree);
    assertTrue(run("scan", "--format", "text", "--fail-on", "never", tree.toString()).out().lines().count() > 2);
    Run text = run("scan", "--format", "text", "--fail-on", "note", "--baseline", sarif.toString(), tree.toString());
    assertEquals(1, text.exit(), text.err());
    assertEquals(List.of(GitCommandsTest.MISSING), text.out().lines().toList());

    Run r = run("scan", "--fail-on", "never", "--baseline", sarif.toString(), tree.toString());
    JsonNode results = new ObjectMapper().readTree(r.out()).get("runs").get(0).get("results");
    assertEquals(1, results.size(), r.out());
    assertEquals("new", results.get(0).get("baselineState").asText());
    assertEquals("dmabuf/mmap-missing", results.get(0).get("ruleId").asText());
    Run json = run("scan", "--format", "json", "--fail-on", "never", "--baseline", sarif.toString(), tree.toString());
    JsonNode findings = new ObjectMapper().readTree(json.out()).get("findings");
    assertEquals(1, findings.size(), json.out());
    assertEquals("new", findings.get(0).get("baselineState").asText());
  }

  @Test
  void aRevisionScanTakesABaselineToo() throws Exception {
    Path tree = tree();
    Path sarif = earlierRun(tree);
    change(tree);
    try (Git git = Git.init().setDirectory(tree.toFile()).call()) {
      git.add().addFilepattern(".").call();
      git.commit().setMessage("changed").setSign(false).call();
    }
    Run r = run("scan", "--format", "text", "--fail-on", "never", "--baseline", sarif.toString(), "--repo", tree.toString(), "--rev", "HEAD");
    assertEquals(0, r.exit(), r.err());
    assertEquals(List.of(GitCommandsTest.MISSING), r.out().lines().toList());
  }

  @Test
  void aBaselineThatIsNotAnEarlierScanIsOneLine() throws Exception {
    Path tree = tree();
    Path notJson = Files.writeString(dir.resolve("a.sarif"), "{ nope");
    Path notSarif = Files.writeString(dir.resolve("b.sarif"), "{\"findings\": []}");
    Path foreign = Files.writeString(dir.resolve("c.sarif"), "{\"runs\": [{\"results\": [{\"ruleId\": \"x\"}]}]}");
    Path output = dir.resolve("out.sarif");
    for (Path bad : List.of(notJson, notSarif, foreign, dir.resolve("missing.sarif"))) {
      Run r = run("scan", "--baseline", bad.toString(), "-o", output.toString(), tree.toString());
      assertEquals(2, r.exit(), r.err());
      assertTrue(r.err().startsWith("mmapcheck: --baseline " + bad + ": "), r.err());
      assertEquals(1, r.err().strip().lines().count(), r.err());
      assertTrue(Files.notExists(output), "no report");
    }
  }
}
