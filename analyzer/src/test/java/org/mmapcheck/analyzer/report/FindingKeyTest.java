package org.mmapcheck.analyzer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mmapcheck.analyzer.engine.Finding;
import org.mmapcheck.analyzer.engine.Profile;
import org.mmapcheck.analyzer.engine.RuleDescriptor;
import org.mmapcheck.analyzer.engine.ScanListener;
import org.mmapcheck.analyzer.engine.ScanOptions;
import org.mmapcheck.analyzer.engine.Scanner;
import org.mmapcheck.analyzer.model.Location;
import org.mmapcheck.analyzer.source.MemoryTree;
import org.mmapcheck.analyzer.testrules.InstallsVmOpsRule;

/** A finding keeps its key across moves, re-indents and (mapped) renames; a changed statement does not. */
class FindingKeyTest {

  private static final String DEMO =
      """
      static const struct vm_operations_struct demo_vm_ops = {
      	.fault = demo_fault,
      };

      static int demo_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
      {
      	vma->vm_ops = &demo_vm_ops;
      	return 0;
      }

      static const struct dma_buf_ops demo_ops = {
      	.mmap = demo_mmap,
      };
      """;

  /** The one finding's key, for a tree holding one file. */
  private static FindingKey key(String path, String text, Map<String, String> renames) throws IOException {
    MemoryTree tree = new MemoryTree(Map.of(path, text));
    List<Finding> findings =
        new Scanner(ScanOptions.defaults(Profile.CURRENT).withJobs(1), ScanListener.NONE)
            .scan(tree, List.of(""), List.of(RuleDescriptor.of(new InstallsVmOpsRule())))
            .findings();
    assertEquals(1, findings.size());
    return FindingKey.of(findings, tree, p -> renames.getOrDefault(p, p)).get(findings.get(0));
  }

  @Test
  void keyIsRuleFunctionExportersAndStatement() throws IOException {
    FindingKey key = key("drivers/demo/demo.c", DEMO, Map.of());
    assertEquals(
        new FindingKey(
            "test/installs-vm-ops",
            "demo_mmap",
            List.of("drivers/demo/demo.c: exporter demo_ops"),
            "vma->vm_ops = &demo_vm_ops;"),
        key);
  }

  @Test
  void movedAndReindentedCodeKeepsItsKey() throws IOException {
    String moved = "/* a comment\n * that pushes everything down */\n\n" + DEMO.replace("\tvma->vm_ops = &demo_vm_ops;", "        vma->vm_ops   =  &demo_vm_ops;");
    assertEquals(key("drivers/demo/demo.c", DEMO, Map.of()), key("drivers/demo/demo.c", moved, Map.of()));
    assertEquals(
        key("drivers/demo/demo.c", DEMO, Map.of()).fingerprint(),
        key("drivers/demo/demo.c", moved, Map.of()).fingerprint());
  }

  @Test
  void aRenamedFileKeepsItsKeyOnceTheOldPathIsMapped() throws IOException {
    FindingKey head = key("drivers/accel/demo.c", DEMO, Map.of());
    assertNotEquals(head, key("drivers/misc/demo.c", DEMO, Map.of()));
    assertEquals(head, key("drivers/misc/demo.c", DEMO, Map.of("drivers/misc/demo.c", "drivers/accel/demo.c")));
  }

  @Test
  void aChangedStatementChangesTheKey() throws IOException {
    String changed = DEMO.replace("&demo_vm_ops;", "&demo_vm_ops; /* now commented */");
    assertNotEquals(
        key("drivers/demo/demo.c", DEMO, Map.of()).fingerprint(),
        key("drivers/demo/demo.c", changed, Map.of()).fingerprint());
  }

  @Test
  void aLongSpanIsKeyedByItsFirstLines() {
    List<String> lines = List.of("a", " b", "c ", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n");
    assertEquals("b c", FindingKey.statement(lines, new Location("f.c", 2, 1, 3, 2)));
    assertEquals("a b c d e f g h i j k l", FindingKey.statement(lines, new Location("f.c", 1, 1, 14, 1)));
    assertEquals("n", FindingKey.statement(lines, new Location("f.c", 14, 1, 20, 1)));
  }
}
