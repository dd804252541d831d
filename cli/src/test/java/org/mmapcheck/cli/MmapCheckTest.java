package org.mmapcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmapcheck.analyzer.engine.RuleDescriptor;
import org.mmapcheck.rules.BuiltinRules;

/** The command line as a user meets it: exit codes, streams, formats. */
class MmapCheckTest {

  @TempDir Path dir;

  /** What one run printed and returned. */
  record Run(int exit, String out, String err) {}

  static Run run(String... args) {
    return run(new ByteArrayOutputStream(), BuiltinRules.all(), args);
  }

  /**
   * A run with these rules on streams of its own (no global stream is swapped), whose standard
   * output goes to {@code stdout}, kept when it is a buffer.
   */
  static Run run(OutputStream stdout, List<RuleDescriptor> rules, String... args) {
    return run(InputStream.nullInputStream(), stdout, rules, args);
  }

  /** The same, with {@code stdin} as standard input. */
  static Run run(InputStream stdin, OutputStream stdout, List<RuleDescriptor> rules, String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        MmapCheck.run(
            rules,
            stdin,
            new PrintStream(stdout, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            args);
    String out = stdout instanceof ByteArrayOutputStream b ? b.toString(StandardCharsets.UTF_8) : "";
    return new Run(exit, out, err.toString(StandardCharsets.UTF_8));
  }

  private Path tree() throws IOException {
    return toyTree(dir);
  }

  /** tree/drivers/toy/toy.c under {@code dir}: one exporter without mmap. */
  static Path toyTree(Path dir) throws IOException {
    Path drv = Files.createDirectories(dir.resolve("tree/drivers/toy"));
    Files.writeString(
        drv.resolve("toy.c"),
        """
        static struct sg_table *toy_map(struct dma_buf_attachment *a, enum dma_data_direction d)
        {
        	return NULL;
        }

        static const struct dma_buf_ops toy_ops = {
        	.map_dma_buf = toy_map,
        };
        """);
    return dir.resolve("tree");
  }

  @Test
  void versionComesFromTheBuild() {
    Run r = run("--version");
    assertEquals(0, r.exit());
    assertTrue(r.out().matches("mmapcheck \\d+\\.\\d+\\.\\d+\\S*\\R"), r.out());
  }

  /** A command line gets only the subcommand it names; help and a mistyped name still see them all. */
  @Test
  void helpListsEveryCommandAndAMistypedOneIsSuggested() {
    Run help = run("--help");
    assertEquals(0, help.exit());
    for (String command : List.of("scan", "diff", "check-patch", "inventory", "report", "history", "rules", "explain", "help"))
      assertTrue(help.out().contains("\n  " + command + " "), command + " in\n" + help.out());
    Run viaHelp = run("help", "check-patch");
    assertEquals(0, viaHelp.exit());
    assertTrue(viaHelp.out().startsWith("Usage: mmapcheck check-patch"), viaHelp.out());
    Run own = run("check-patch", "--help");
    assertEquals(viaHelp.out(), own.out());
    Run typo = run("chek-patch");
    assertEquals(2, typo.exit());
    assertTrue(typo.err().contains("check-patch"), typo.err());
  }

  @Test
  void missingPathIsOneLineAndExitTwo() {
    Run r = run("scan", dir.resolve("nope").toString());
    assertEquals(2, r.exit());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(r.err().startsWith("mmapcheck: no such file or directory: "), r.err());
    assertEquals("", r.out());
  }

  @Test
  void unknownRuleProfileAndFormatAreUsageErrors() throws IOException {
    assertEquals(2, run("explain", "dmabuf/no-such-rule").exit());
    Run profile = run("scan", "--profile", "2013", tree().toString());
    assertEquals(2, profile.exit());
    assertTrue(profile.err().contains("unknown profile '2013'"), profile.err());
    assertEquals(2, run("scan", "--format", "xml", tree().toString()).exit());
    assertFalse(run("scan", "--format", "xml", tree().toString()).err().contains("Exception"));
  }

  @Test
  void textFormatAndFailOnFollowTheProfile() throws IOException {
    String tree = tree().toString();
    Run original = run("scan", "--format", "text", "--profile", "2012", tree);
    assertEquals(1, original.exit(), original.err());
    assertEquals(
        "drivers/toy/toy.c:6:33: error: dma-buf exporter 'toy_ops' has no .mmap; the 2012 contract makes mmap mandatory [dmabuf/mmap-missing]",
        original.out().strip());

    Run current = run("scan", "--format", "text", tree);
    assertEquals(0, current.exit(), "a note is below the default --fail-on error");
    assertTrue(current.out().contains(": note: "), current.out());
    assertEquals(1, run("scan", "--format", "text", "--fail-on", "note", tree).exit());
    assertEquals(0, run("scan", "--format", "text", "--profile", "2012", "--fail-on", "never", tree).exit());
  }

  @Test
  void aPathInsideAKernelTreeIsReportedFromTheTreeTop() throws IOException {
    Path tree = tree();
    Files.writeString(tree.resolve("MAINTAINERS"), "");
    Files.writeString(tree.resolve("Kbuild"), "");
    Run r = run("scan", "--format", "text", "--profile", "2012", tree.resolve("drivers/toy").toString());
    assertTrue(r.out().startsWith("drivers/toy/toy.c:6:33: error: "), r.out());
  }

  @Test
  void aPartOfAKernelTreeIsReadWithTheTreesHeaders() throws IOException {
    Path tree = dir.resolve("kernel");
    Files.createDirectories(tree.resolve("drivers/demo"));
    Files.createDirectories(tree.resolve("include/demo"));
    Files.writeString(tree.resolve("MAINTAINERS"), "");
    Files.writeString(tree.resolve("Kbuild"), "");
    Files.writeString(
        tree.resolve("include/demo/vma.h"),
        """
        vm_fault_t demo_fault(struct vm_fault *vmf);

        static const struct vm_operations_struct demo_vm_ops = {
        	.fault = demo_fault,
        };

        static inline void demo_install(struct vm_area_struct *vma)
        {
        	vma->vm_ops = &demo_vm_ops;
        }
        """);
    Files.writeString(
        tree.resolve("drivers/demo/demo.c"),
        """
        vm_fault_t demo_fault(struct vm_fault *vmf)
        {
        	return VM_FAULT_SIGBUS;
        }

        static int demo_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
        {
        	vm_flags_set(vma, VM_DONTEXPAND);
        	demo_install(vma);
        	return 0;
        }

        static const struct dma_buf_ops demo_ops = {
        	.mmap = demo_mmap,
        };
        """);
    Run r = run("scan", "--format", "text", "--fail-on", "never", tree.resolve("drivers/demo").toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().startsWith("include/demo/vma.h:9:2: note: dma-buf mmap installs vm_ops 'demo_vm_ops'"), r.out());
  }

  @Test
  void aTreeGivenThroughASymbolicLinkIsScanned() throws IOException {
    Path link = Files.createSymbolicLink(dir.resolve("link"), tree());
    Path rootLink = Files.createSymbolicLink(dir.resolve("rootlink"), dir.resolve("tree"));
    for (String given : new String[] {link.toString(), link + "/"}) {
      Run r = run("scan", "--format", "text", "--profile", "2012", given);
      assertEquals(1, r.exit(), given + ": " + r.err());
      assertTrue(r.out().startsWith("drivers/toy/toy.c:6:33: error: "), given + ": " + r.out());
      Run inventory = run("inventory", given);
      assertTrue(inventory.out().contains("drivers/toy/toy.c:toy_ops"), given + ": " + inventory.out());
    }
    Run rooted = run("scan", "--format", "text", "--profile", "2012", "--root", rootLink.toString(), link.toString());
    assertTrue(rooted.out().startsWith("drivers/toy/toy.c:6:33: error: "), rooted.out() + rooted.err());
  }

  @Test
  void whatTheWalkLeavesOutOrMisnamesIsANotificationAndTheScanGoesOn() throws Exception {
    Path tree = tree();
    // A FIFO named like a source used to block the scan for ever; a name that is not UTF-8 was
    // dropped with its exporter.
    Process p =
        new ProcessBuilder("sh", "-c", "mkfifo drivers/toy/pipe.c && cp drivers/toy/toy.c \"$(printf 'drivers/toy/odd\\351.c')\"")
            .directory(tree.toFile())
            .inheritIO()
            .start();
    assertEquals(0, p.waitFor());
    Run r = run("scan", "--profile", "2012", "--fail-on", "never", tree.toString());
    assertEquals(0, r.exit(), r.err());
    JsonNode run = new ObjectMapper().readTree(r.out()).get("runs").get(0);
    List<String> notes = new ArrayList<>();
    for (JsonNode n : run.get("invocations").get(0).get("toolExecutionNotifications"))
      notes.add(n.get("locations").get(0).get("physicalLocation").get("artifactLocation").get("uri").asText()
          + " " + n.get("message").get("text").asText());
    notes.sort(null);
    assertEquals(2, notes.size(), notes.toString());
    assertTrue(notes.get(0).startsWith("drivers/toy/odd%EF%BF%BD.c name cannot be spelled"), notes.get(0));
    assertEquals("drivers/toy/pipe.c not a regular file (a FIFO, socket or device); not read", notes.get(1));
    assertEquals(2, run.get("results").size(), "both exporters are reported");
  }

  @Test
  void sarifGoesToTheOutputFile() throws IOException {
    Path report = dir.resolve("out.sarif");
    Files.writeString(report, "old");
    Run r = run("scan", "-o", report.toString(), tree().toString());
    assertEquals(0, r.exit(), r.err());
    assertEquals("", r.out());
    JsonNode sarif = new ObjectMapper().readTree(report.toFile());
    assertEquals("2.1.0", sarif.get("version").asText());
    JsonNode result = sarif.get("runs").get(0).get("results").get(0);
    assertEquals("dmabuf/mmap-missing", result.get("ruleId").asText());
    assertEquals(
        "drivers/toy/toy.c",
        result.get("locations").get(0).get("physicalLocation").get("artifactLocation").get("uri").asText());
    try (var files = Files.list(dir)) {
      assertEquals(2, files.count(), "no temporary file left beside the report");
    }
  }

  @Test
  void outputIntoAMissingDirectoryIsBadInput() throws IOException {
    Run r = run("scan", "-o", dir.resolve("no/such/dir/out.sarif").toString(), tree().toString());
    assertEquals(2, r.exit());
    assertTrue(r.err().startsWith("mmapcheck: cannot write --output "), r.err());
    assertTrue(r.err().endsWith(": its directory does not exist\n"), r.err());
  }

  @Test
  void inventoryListsExportersWithNullForMissingHandlers() throws IOException {
    Run r = run("inventory", tree().toString());
    assertEquals(0, r.exit(), r.err());
    JsonNode list = new ObjectMapper().readTree(r.out());
    assertEquals(1, list.size());
    JsonNode e = list.get(0);
    assertEquals("drivers/toy/toy.c:toy_ops", e.get("id").asText());
    assertEquals(6, e.get("line").asInt());
    assertTrue(e.get("mmap").isNull());
    assertTrue(e.get("beginCpuAccess").isNull());
  }

  @Test
  void apiFileTeachesTheRulesDriverSpecificWaits() throws IOException {
    Path drv = Files.createDirectories(dir.resolve("waits/drivers/toy"));
    Files.writeString(
        drv.resolve("toy.c"),
        """
        static vm_fault_t toy_fault(struct vm_fault *vmf)
        {
        	toy_wait_for_gpu(vmf->vma->vm_private_data);
        	return VM_FAULT_SIGBUS;
        }

        static const struct vm_operations_struct toy_vm_ops = {
        	.fault = toy_fault,
        };

        static int toy_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
        {
        	vm_flags_set(vma, VM_DONTEXPAND);
        	vma->vm_ops = &toy_vm_ops;
        	return 0;
        }

        static const struct dma_buf_ops toy_ops = {
        	.mmap = toy_mmap,
        };
        """);
    String tree = dir.resolve("waits").toString();
    Run without = run("scan", "--format", "text", "--fail-on", "never", tree);
    assertFalse(without.out().contains("dmabuf/fault-sync"), without.out());
    Path api = dir.resolve("api.txt");
    Files.writeString(api, "# our driver's own wait\nwait: toy_wait_for_gpu\n");
    Run with = run("scan", "--format", "text", "--api", api.toString(), tree);
    assertEquals(1, with.exit(), with.err());
    assertTrue(with.out().contains("drivers/toy/toy.c:3:2: error: page fault handler toy_vm_ops.fault reaches toy_wait_for_gpu()"), with.out());

    Files.writeString(api, "no category here\n");
    Run bad = run("scan", "--api", api.toString(), tree);
    assertEquals(2, bad.exit());
    assertTrue(bad.err().contains("expected 'category: name name ...'"), bad.err());
  }

  @Test
  void inventoryDescribesHowEachExporterMaps() throws IOException {
    Run r = run("inventory", "../corpus/sample");
    assertEquals(0, r.exit(), r.err());
    java.util.Map<String, JsonNode> byId = new java.util.HashMap<>();
    for (JsonNode e : new ObjectMapper().readTree(r.out())) byId.put(e.get("id").asText(), e.get("profile"));
    JsonNode prime = byId.get("drivers/gpu/drm/toy/toy_prime.c:toy_prime_ops");
    assertEquals("[\"fault-based\"]", prime.get("mapping").toString());
    assertEquals("[\"toy_gem_vm_ops.fault=toy_gem_fault\"]", prime.get("faultHandlers").toString());
    assertEquals("false", prime.get("dontExpand").asText());
    assertEquals("at-fault", prime.get("pgoff").asText());
    assertTrue(prime.get("findings").toString().contains("dmabuf/fault-sync at drivers/gpu/drm/toy/toy_gem.c:15"));
    JsonNode cam = byId.get("drivers/misc/toy_cam.c:toy_cam_ops");
    assertEquals("ignored", cam.get("pgoff").asText());
    assertEquals("[\"remap\"]", cam.get("mapping").toString());
    assertEquals("by-api", byId.get("drivers/misc/toy_npu.c:toy_npu_ops").get("pgoff").asText());
    JsonNode heap = byId.get("drivers/dma-buf/heaps/toy_heap.c:toy_heap_buf_ops");
    assertTrue(heap.get("beginMaintainsCaches").asBoolean() && heap.get("endMaintainsCaches").asBoolean());
    assertEquals("[\"unsupported\"]", byId.get("drivers/misc/toy_dsp.c:toy_dsp_ops").get("mapping").toString());
  }

  @Test
  void rulesIndexAndExplainComeFromTheMetadata() throws IOException {
    Run index = run("rules", "--format", "markdown");
    assertEquals(0, index.exit());
    assertEquals(
        Files.readString(Path.of("../rules/README.md")),
        index.out(),
        "rules/README.md is out of date: regenerate it with 'mmapcheck rules --format markdown'");
    for (String line : index.out().lines().filter(l -> l.startsWith("| [")).toList()) {
      String doc = line.substring(line.indexOf("](") + 2, line.indexOf(".md)") + 3);
      assertTrue(Files.isRegularFile(Path.of("../rules", doc)), "index links a missing page: " + doc);
    }
    Run explain = run("explain", "dmabuf/mmap-stub");
    assertEquals(0, explain.exit());
    assertTrue(explain.out().startsWith("# dmabuf/mmap-stub: "), explain.out());
  }

  @Test
  void jsonFormatListsEachFindingWithItsLevelPlaceAndFlows() throws IOException {
    Run r = run("scan", "--format", "json", "--profile", "2012", tree().toString());
    assertEquals(1, r.exit(), r.err());
    JsonNode report = new ObjectMapper().readTree(r.out());
    assertEquals("mmapcheck", report.get("tool").asText());
    assertEquals("2012", report.get("profile").asText());
    JsonNode findings = report.get("findings");
    assertEquals(1, findings.size(), r.out());
    JsonNode f = findings.get(0);
    assertEquals("dmabuf/mmap-missing", f.get("rule").asText());
    assertEquals("error", f.get("level").asText());
    assertEquals("drivers/toy/toy.c", f.get("file").asText());
    assertEquals(6, f.get("line").asInt());
    assertEquals(33, f.get("column").asInt());
    assertTrue(f.get("message").asText().contains("has no .mmap"), f.get("message").asText());
    assertTrue(f.get("flows").isArray() && f.get("related").isArray(), f.toString());
    assertEquals(0, report.get("notifications").size());

    Run current = run("scan", "--format", "json", tree().toString());
    assertEquals("note", new ObjectMapper().readTree(current.out()).get("findings").get(0).get("level").asText());
  }

  @Test
  void inventoryTextGivesEachExporterItsHandlersAndProfile() throws IOException {
    Run r = run("inventory", "--format", "text", "../corpus/sample");
    assertEquals(0, r.exit(), r.err());
    List<String> lines = r.out().lines().toList();
    int prime = lines.indexOf(
        lines.stream().filter(l -> l.contains(" drivers/gpu/drm/toy/toy_prime.c:toy_prime_ops ")).findFirst().orElseThrow());
    assertTrue(
        lines.get(prime).matches("drivers/gpu/drm/toy/toy_prime\\.c:\\d+: drivers/gpu/drm/toy/toy_prime\\.c:toy_prime_ops mmap=\\w+@drivers/gpu/drm/toy/\\S+:\\d+ .*"),
        lines.get(prime));
    assertTrue(lines.get(prime + 1).startsWith("    mapping=fault-based "), lines.get(prime + 1));
    assertTrue(lines.get(prime + 1).contains(" pgoff=at-fault dontexpand=false "), lines.get(prime + 1));
    assertEquals("    faults: toy_gem_vm_ops.fault=toy_gem_fault", lines.get(prime + 2));
    assertTrue(
        lines.stream().anyMatch(l -> l.startsWith("    finding: dmabuf/fault-sync at drivers/gpu/drm/toy/toy_gem.c:15")), r.out());
    assertTrue(
        lines.stream().anyMatch(l -> l.matches("drivers/misc/toy_cam\\.c:\\d+: \\S+:toy_cam_ops .*")), r.out());
  }
}
