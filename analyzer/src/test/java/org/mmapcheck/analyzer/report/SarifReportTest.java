package org.mmapcheck.analyzer.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mmapcheck.analyzer.engine.Finding;
import org.mmapcheck.analyzer.engine.Profile;
import org.mmapcheck.analyzer.engine.RuleDescriptor;
import org.mmapcheck.analyzer.engine.ScanListener;
import org.mmapcheck.analyzer.engine.ScanOptions;
import org.mmapcheck.analyzer.engine.ScanResult;
import org.mmapcheck.analyzer.engine.Scanner;
import org.mmapcheck.analyzer.source.MemoryTree;
import org.mmapcheck.analyzer.testrules.InstallsVmOpsRule;

/** SARIF output is valid against the official 2.1.0 schema, and the same input gives the same bytes. */
class SarifReportTest {

  private static final Map<String, String> TREE =
      Map.of(
          "drivers/demo/demo.c",
          """
          static const struct vm_operations_struct demo_vm_ops = {
          	.fault = demo_fault,
          };

          static void demo_setup(struct vm_area_struct *vma)
          {
          	vma->vm_ops = &demo_vm_ops;
          }

          static int demo_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
          {
          	demo_setup(vma);
          	return 0;
          }

          static const struct dma_buf_ops demo_ops = {
          	.mmap = demo_mmap,
          };

          static const struct dma_buf_ops other_ops = {
          	.mmap = demo_mmap,
          };
          """,
          "drivers/demo/blob.c",
          "\0\1\2binary");

  private static ScanResult scan() throws IOException {
    return new Scanner(ScanOptions.defaults(Profile.CURRENT).withJobs(2), ScanListener.NONE)
        .scan(new MemoryTree(TREE), List.of(""), List.of(RuleDescriptor.of(new InstallsVmOpsRule())));
  }

  private static byte[] sarif(ScanResult scan) throws IOException {
    return sarif(scan, SarifContext.of(FindingKey.of(scan.findings(), new MemoryTree(TREE))));
  }

  private static byte[] sarif(ScanResult scan, SarifContext context) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SarifReport.write(scan, Path.of("/src/linux"), context, out);
    return out.toByteArray();
  }

  /** A scan of a git revision compared with a base, as {@code diff} writes it. */
  private static byte[] revisionSarif(ScanResult scan) throws IOException {
    Map<Finding, FindingKey> keys = FindingKey.of(scan.findings(), new MemoryTree(TREE));
    SarifContext context =
        new SarifContext(
            keys,
            new SarifContext.VersionControl(URI.create("https://example.org/linux.git"), "0123abcd", "main"),
            "mmapcheck/current/",
            Map.of(scan.findings().get(0), SarifContext.BaselineState.NEW));
    return sarif(scan, context);
  }

  @Test
  void validAgainstTheOfficialSchema() throws IOException {
    assertEquals(List.of(), SarifSchema.errors(sarif(scan())));
    assertEquals(List.of(), SarifSchema.errors(revisionSarif(scan())));
  }

  @Test
  void aRevisionCarriesItsProvenanceCategoryAndBaselineState() throws IOException {
    JsonNode run = new ObjectMapper().readTree(revisionSarif(scan())).get("runs").get(0);
    JsonNode provenance = run.get("versionControlProvenance").get(0);
    assertEquals("https://example.org/linux.git", provenance.get("repositoryUri").asText());
    assertEquals("0123abcd", provenance.get("revisionId").asText());
    assertEquals("main", provenance.get("branch").asText());
    assertEquals("%SRCROOT%", provenance.get("mappedTo").get("uriBaseId").asText());
    assertEquals("mmapcheck/current/", run.get("automationDetails").get("id").asText());
    assertEquals("new", run.get("results").get(0).get("baselineState").asText());
    JsonNode plain = new ObjectMapper().readTree(sarif(scan())).get("runs").get(0);
    assertEquals(null, plain.get("versionControlProvenance"));
    assertEquals(null, plain.get("results").get(0).get("baselineState"));
  }

  @Test
  void sameInputSameBytes() throws IOException {
    assertArrayEquals(sarif(scan()), sarif(scan()));
  }

  /** The writer made ready during a scan (a made-up report written to nowhere) writes the same report after. */
  @Test
  void preparingTheWriterChangesNoReport() throws IOException {
    byte[] before = sarif(scan());
    SarifReport.prepare(List.of(RuleDescriptor.of(new InstallsVmOpsRule())));
    SarifReport.prepare(List.of());
    assertArrayEquals(before, sarif(scan()));
  }

  @Test
  void resultsPointAtTheirRuleAndCarryPathAndExporters() throws IOException {
    JsonNode run = new ObjectMapper().readTree(sarif(scan())).get("runs").get(0);
    JsonNode rules = run.get("tool").get("driver").get("rules");
    JsonNode results = run.get("results");
    assertEquals(1, results.size(), "two exporters reach one store: one result");
    JsonNode result = results.get(0);
    assertEquals(rules.get(result.get("ruleIndex").asInt()).get("id").asText(), result.get("ruleId").asText());
    JsonNode location = result.get("locations").get(0).get("physicalLocation");
    assertEquals("drivers/demo/demo.c", location.get("artifactLocation").get("uri").asText());
    assertEquals("%SRCROOT%", location.get("artifactLocation").get("uriBaseId").asText());
    assertEquals(7, location.get("region").get("startLine").asInt());
    assertEquals(2, result.get("relatedLocations").size(), "both exporters are related");
    assertEquals(2, result.get("codeFlows").size(), "one flow per exporter");
    assertEquals(
        "file:///src/linux/", run.get("originalUriBaseIds").get("%SRCROOT%").get("uri").asText());
    JsonNode invocation = run.get("invocations").get(0);
    assertTrue(invocation.get("executionSuccessful").asBoolean());
    JsonNode note = invocation.get("toolExecutionNotifications").get(0);
    assertEquals(
        "drivers/demo/blob.c",
        note.get("locations").get(0).get("physicalLocation").get("artifactLocation").get("uri").asText());
    assertTrue(new String(sarif(scan()), StandardCharsets.UTF_8).contains("\"version\" : \"2.1.0\""));
    assertEquals(32, result.get("partialFingerprints").get("mmapcheck/v1").asText().length());
  }
}
