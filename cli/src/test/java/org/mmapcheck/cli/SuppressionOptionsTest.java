package org.mmapcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** mmapcheck-ignore as the command line shows it: left out of text and JSON, kept in SARIF, never failing a run. */
class SuppressionOptionsTest {

  @TempDir Path dir;

  /** An exporter without .mmap, an error under --profile 2012, on the line the comment reaches. */
  private Path tree(String comment) throws IOException {
    Path drv = Files.createDirectories(dir.resolve("tree/drivers/toy"));
    Files.writeString(
        drv.resolve("toy.c"),
        """
        static struct sg_table *toy_map(struct dma_buf_attachment *a, enum dma_data_direction d)
        {
        	return NULL;
        }

        %s
        static const struct dma_buf_ops toy_ops = {
        	.map_dma_buf = toy_map,
        };
        """
            .formatted(comment));
    return dir.resolve("tree");
  }

  private static final String FINDING =
      "drivers/toy/toy.c:7:33: error: dma-buf exporter 'toy_ops' has no .mmap; the 2012 contract makes mmap mandatory [dmabuf/mmap-missing]";

  @Test
  void aSuppressedFindingNeitherPrintsNorFails() throws IOException {
    String tree = tree("/* mmapcheck-ignore dmabuf/mmap-missing: userspace never maps these */").toString();
    MmapCheckTest.Run quiet = MmapCheckTest.run("scan", "--format", "text", "--profile", "2012", tree);
    assertEquals(0, quiet.exit(), quiet.err());
    assertEquals("", quiet.out());

    MmapCheckTest.Run all = MmapCheckTest.run("scan", "--format", "text", "--profile", "2012", "--include-suppressed", tree);
    assertEquals(0, all.exit(), "suppressed findings never fail a run");
    assertEquals(FINDING + " (suppressed: userspace never maps these)", all.out().strip());
  }

  @Test
  void sarifKeepsTheResultWithAnInSourceSuppression() throws IOException {
    String tree = tree("// mmapcheck-ignore dmabuf/mmap-missing: userspace never maps these").toString();
    Path report = dir.resolve("out.sarif");
    assertEquals(0, MmapCheckTest.run("scan", "--profile", "2012", "-o", report.toString(), tree).exit());
    JsonNode result = new ObjectMapper().readTree(report.toFile()).get("runs").get(0).get("results").get(0);
    assertEquals("dmabuf/mmap-missing", result.get("ruleId").asText());
    JsonNode suppression = result.get("suppressions").get(0);
    assertEquals("inSource", suppression.get("kind").asText());
    assertEquals("userspace never maps these", suppression.get("justification").asText());
    assertEquals(6, suppression.get("location").get("physicalLocation").get("region").get("startLine").asInt());
  }

  @Test
  void jsonListsSuppressedFindingsApartOnlyWhenAsked() throws IOException {
    String tree = tree("/* mmapcheck-ignore dmabuf/mmap-missing: userspace never maps these */").toString();
    ObjectMapper json = new ObjectMapper();
    JsonNode plain = json.readTree(MmapCheckTest.run("scan", "--format", "json", "--profile", "2012", tree).out());
    assertEquals(0, plain.get("findings").size());
    assertFalse(plain.has("suppressed"));

    JsonNode all =
        json.readTree(MmapCheckTest.run("scan", "--format", "json", "--profile", "2012", "--include-suppressed", tree).out());
    assertEquals(0, all.get("findings").size());
    JsonNode s = all.get("suppressed").get(0);
    assertEquals("dmabuf/mmap-missing", s.get("rule").asText());
    assertEquals("userspace never maps these", s.get("suppression").get("justification").asText());
    assertEquals(6, s.get("suppression").get("line").asInt());
  }

  @Test
  void aBadSuppressionIsReportedAndSilencesNothing() throws IOException {
    String tree = tree("/* mmapcheck-ignore dmabuf/mmap-misisng: typo */").toString();
    MmapCheckTest.Run r = MmapCheckTest.run("scan", "--format", "text", "--profile", "2012", tree);
    assertEquals(1, r.exit());
    assertTrue(r.out().contains(FINDING), r.out());
    assertTrue(
        r.out().contains(
            "drivers/toy/toy.c:6:4: warning: mmapcheck-ignore names unknown rule 'dmabuf/mmap-misisng' (see 'mmapcheck rules')"),
        r.out());
  }
}
