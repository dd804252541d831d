package org.mmapcheck.analyzer.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mmapcheck.analyzer.source.MemoryTree;
import org.mmapcheck.analyzer.testrules.InstallsVmOpsRule;

/** What an mmapcheck-ignore comment silences, read from the text of the files with findings. */
class SuppressionsTest {

  private static ScanResult scan(String storeLine) throws IOException {
    String exporter =
        """
        static const struct vm_operations_struct demo_vm_ops = {
        	.fault = demo_fault,
        };

        static int demo_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
        {
        %s
        	return 0;
        }

        static const struct dma_buf_ops demo_ops = {
        	.mmap = demo_mmap,
        };
        """
            .formatted(storeLine);
    return new Scanner(ScanOptions.defaults(Profile.CURRENT), ScanListener.NONE)
        .scan(new MemoryTree(Map.of("drivers/demo/exp.c", exporter)), List.of(""), List.of(RuleDescriptor.of(new InstallsVmOpsRule())));
  }

  @Test
  void aValidSuppressionMovesTheFindingAsideWithItsReason() throws IOException {
    ScanResult scan = scan("\tvma->vm_ops = &demo_vm_ops; // mmapcheck-ignore test/installs-vm-ops: reviewed  ");
    assertEquals(List.of(), scan.findings());
    assertEquals(1, scan.suppressed().size());
    Suppression s = scan.suppressed().get(0).suppression();
    assertEquals("reviewed", s.reason());
    assertEquals("drivers/demo/exp.c:7:33", s.at().toString());
  }

  @Test
  void textInAStringIsNoSuppression() throws IOException {
    ScanResult scan = scan("\tvma->vm_ops = &demo_vm_ops; log(\"/* mmapcheck-ignore test/installs-vm-ops: no */\");");
    assertEquals(1, scan.findings().size());
    assertEquals(List.of(), scan.suppressed());
  }

  @Test
  void anInvalidSuppressionSilencesNothing() throws IOException {
    for (String comment :
        List.of("/* mmapcheck-ignore test/installs-vm-ops */", "/* mmapcheck-ignore test/other: why */", "/* mmapcheck-ignore: why */")) {
      ScanResult scan = scan("\tvma->vm_ops = &demo_vm_ops; " + comment);
      assertEquals(1, scan.findings().size(), comment);
      assertEquals(List.of(), scan.suppressed(), comment);
    }
  }
}
