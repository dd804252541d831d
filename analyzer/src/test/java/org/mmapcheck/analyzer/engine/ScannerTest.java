package org.mmapcheck.analyzer.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mmapcheck.analyzer.model.FileModel;
import org.mmapcheck.analyzer.source.MemoryTree;
import org.mmapcheck.analyzer.testrules.InstallsVmOpsRule;
import org.mmapcheck.analyzer.testrules.ThrowingRule;

/** A scan survives odd files and failing rules, and follows the mmap path across files. */
class ScannerTest {

  private static final String EXPORTER =
      """
      static int demo_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
      {
      	return demo_setup_vma(buf->priv, vma);
      }

      static const struct dma_buf_ops demo_ops = {
      	.mmap = demo_mmap,
      };
      """;

  /** Names no trigger word: only found because the exporter calls what it defines. */
  private static final String HELPER =
      """
      static const struct vm_operations_struct helper_vm_ops = {
      	.fault = helper_fault,
      };

      int demo_setup_vma(void *priv, struct vm_area_struct *vma)
      {
      	vma->vm_ops = &helper_vm_ops;
      	return 0;
      }
      """;

  private static final String GEM_TYPES =
      """
      struct drm_gem_object_funcs {
      	int (*mmap)(struct gem *obj, struct vm_area_struct *vma);
      	void (*free)(struct gem *obj);
      };
      struct gem { const struct drm_gem_object_funcs *funcs; };
      """;

  /** The core's exporter, whose mmap calls through its object's GEM funcs table. */
  private static final String GEM_EXPORTER =
      """
      static int core_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
      {
      	struct gem *obj = buf->priv;

      	return obj->funcs->mmap(obj, vma);
      }

      static const struct dma_buf_ops core_ops = {
      	.mmap = core_mmap,
      };
      """;

  private static ScanResult scan(Map<String, String> files, ScanOptions options, RuleDescriptor... rules)
      throws IOException {
    return new Scanner(options, ScanListener.NONE).scan(new MemoryTree(files), List.of(""), List.of(rules));
  }

  private static String noteFor(ScanResult scan, String file) {
    return scan.notifications().stream()
        .filter(n -> file.equals(n.file()))
        .map(Notification::message)
        .findFirst()
        .orElse("none");
  }

  @Test
  void followsTheMmapPathIntoAFileThatNamesNoTrigger() throws IOException {
    ScanResult scan =
        scan(
            Map.of("drivers/demo/exp.c", EXPORTER, "drivers/demo/helper.c", HELPER, "drivers/other/unrelated.c", "int x;\n"),
            ScanOptions.defaults(Profile.CURRENT),
            RuleDescriptor.of(new InstallsVmOpsRule()));
    assertEquals(2, scan.stats().filesParsed(), "the exporter and the helper it calls, nothing else");
    assertEquals(1, scan.findings().size());
    assertEquals("drivers/demo/helper.c", scan.findings().get(0).location().file());
    assertEquals(7, scan.findings().get(0).location().line());
  }

  @Test
  void neverFollowsIntoCodeBuiltApartFromTheKernel() throws IOException {
    String hostTool = HELPER + "\nint main(int argc, char **argv)\n{\n\treturn 0;\n}\n";
    ScanResult scan =
        scan(
            Map.of(
                "drivers/demo/exp.c", EXPORTER,
                "drivers/demo/mkhelper.c", hostTool,
                "samples/demo/helper.c", HELPER,
                "drivers/firmware/efi/libstub/helper.c", HELPER),
            ScanOptions.defaults(Profile.CURRENT),
            RuleDescriptor.of(new InstallsVmOpsRule()));
    assertEquals(1, scan.stats().filesParsed(), "a host program, a sample and the EFI stub are not the kernel");
    assertEquals(List.of(), scan.findings());
  }

  @Test
  void aCallThroughADriverTableLoadsTheTablesThatSetTheFieldItGoesThrough() throws IOException {
    String types =
        """
        struct drm_driver {
        	int (*gem_prime_mmap)(struct gem *obj, struct vm_area_struct *vma);
        	const struct file_operations *fops;
        };
        struct drm_device { const struct drm_driver *driver; };
        struct gem { struct drm_device *dev; };
        """;
    String exporter =
        """
        static int core_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
        {
        	struct gem *obj = buf->priv;

        	return obj->dev->driver->%s;
        }

        static const struct dma_buf_ops core_ops = {
        	.mmap = core_mmap,
        };
        """;
    String driver =
        """
        static const struct vm_operations_struct toy_vm_ops = {
        	.fault = toy_fault,
        };

        static int toy_prime_mmap(struct gem *obj, struct vm_area_struct *vma)
        {
        	vma->vm_ops = &toy_vm_ops;
        	return 0;
        }

        static const struct drm_driver toy_driver = {
        	.gem_prime_mmap = toy_prime_mmap,
        };
        """;
    java.util.function.Function<String, ScanResult> scanCalling =
        call -> {
          try {
            return scan(
                Map.of(
                    "include/drm/drm_drv.h", types,
                    "drivers/gpu/drm/core.c", String.format(exporter, call),
                    "drivers/gpu/drm/toy/toy_drv.c", driver,
                    "drivers/gpu/drm/other/other_drv.c", "static const struct drm_driver other = {\n\t.fops = &other_fops,\n};\n"),
                ScanOptions.defaults(Profile.CURRENT),
                RuleDescriptor.of(new InstallsVmOpsRule()));
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        };
    ScanResult direct = scanCalling.apply("gem_prime_mmap(obj, vma)");
    assertEquals(1, direct.findings().size(), direct.findings().toString());
    assertEquals("drivers/gpu/drm/toy/toy_drv.c", direct.findings().get(0).location().file());
    assertFalse(
        direct.model().files().stream().anyMatch(f -> f.path().endsWith("other_drv.c")),
        "a drm_driver that does not set .gem_prime_mmap is not parsed");
    ScanResult chain = scanCalling.apply("fops->mmap(NULL, vma)");
    assertEquals(List.of(), chain.findings());
    assertFalse(chain.model().files().stream().anyMatch(f -> f.path().endsWith("toy_drv.c")), "every drm_driver is not loaded");
    assertTrue(
        chain.model().files().stream().anyMatch(f -> f.path().endsWith("other_drv.c")),
        "the drm_driver tables that set .fops are, for a call through driver->fops");
  }

  @Test
  void aTableFilledThroughAPointerAtRunTimeIsLoaded() throws IOException {
    String driver =
        """
        static struct drm_gem_object_funcs toy_funcs;

        static int toy_gem_mmap(struct gem *obj, struct vm_area_struct *vma)
        {
        	vma->vm_ops = &helper_vm_ops;
        	return 0;
        }

        void toy_init(void)
        {
        	struct drm_gem_object_funcs *f = &toy_funcs;

        	f->mmap = toy_gem_mmap;
        }
        """;
    ScanResult scan =
        scan(
            Map.of(
                "include/drm/drm_gem.h", GEM_TYPES,
                "drivers/gpu/drm/core.c", GEM_EXPORTER,
                "drivers/gpu/drm/toy/toy_gem.c", driver,
                "drivers/gpu/drm/toy/toy_vm.c", HELPER),
            ScanOptions.defaults(Profile.CURRENT),
            RuleDescriptor.of(new InstallsVmOpsRule()));
    assertEquals(
        List.of("drivers/gpu/drm/toy/toy_gem.c:5"),
        scan.findings().stream().map(f -> f.location().file() + ":" + f.location().line()).toList());
  }

  /**
   * Files parsed ahead that the loader never asks for stay out of the model: here every file
   * with a drm_gem_object_funcs or drm_driver table is parsed ahead before the first round, and
   * the decoys' drm_driver tables set no field a call goes through.
   */
  @Test
  void filesParsedAheadButNeverAskedForStayOutOfTheModel() throws IOException {
    String driver =
        """
        static int toy_gem_mmap(struct gem *obj, struct vm_area_struct *vma)
        {
        	vma->vm_ops = &helper_vm_ops;
        	return 0;
        }

        static const struct drm_gem_object_funcs toy_funcs = {
        	.mmap = toy_gem_mmap,
        };
        """;
    Map<String, String> files = new HashMap<>();
    files.put("include/drm/drm_gem.h", GEM_TYPES);
    files.put("drivers/gpu/drm/core.c", GEM_EXPORTER);
    files.put("drivers/gpu/drm/toy/toy_gem.c", driver);
    files.put("drivers/gpu/drm/toy/toy_vm.c", HELPER);
    for (int i = 0; i < 20; i++)
      files.put(
          "drivers/gpu/drm/decoy" + i + "/decoy.c",
          """
          static const struct vm_operations_struct decoy_vm_ops = {
          	.fault = decoy_fault,
          };

          static void decoy_free(struct gem *obj)
          {
          	obj->vma->vm_ops = &decoy_vm_ops;
          }

          static const struct drm_driver decoy_driver = {
          	.gem_free = decoy_free,
          };
          """);
    Scanner ahead = new Scanner(ScanOptions.defaults(Profile.CURRENT).withJobs(2), ScanListener.NONE);
    ahead.awaitAhead = true;
    ScanResult withAhead = ahead.scan(new MemoryTree(files), List.of(""), List.of(RuleDescriptor.of(new InstallsVmOpsRule())));
    ScanResult without = scan(files, ScanOptions.defaults(Profile.CURRENT).withJobs(1), RuleDescriptor.of(new InstallsVmOpsRule()));
    assertEquals(
        List.of("drivers/gpu/drm/toy/toy_gem.c:3"),
        withAhead.findings().stream().map(f -> f.location().file() + ":" + f.location().line()).toList());
    assertEquals(without.findings(), withAhead.findings());
    assertEquals(
        without.model().files().stream().map(FileModel::path).toList(),
        withAhead.model().files().stream().map(FileModel::path).toList());
    assertFalse(withAhead.model().files().stream().anyMatch(f -> f.path().contains("decoy")));
  }

  /**
   * A table of a type the text pass does not look for is found by the definitions index's
   * objects; one of file_operations is not, and the scan says so.
   */
  @Test
  void aCallThroughAnOpsFieldLoadsItsTablesButFileOperationsIsSaid() throws IOException {
    String exporter =
        """
        struct demo_funcs { int (*setup)(struct vm_area_struct *vma); };
        struct demo_buf { const struct demo_funcs *funcs; const struct file_operations *fops; struct file *filp; };

        static int demo_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
        {
        	struct demo_buf *b = buf->priv;

        	if (b->fops)
        		return b->fops->mmap(b->filp, vma);
        	return b->funcs->setup(vma);
        }

        static const struct dma_buf_ops demo_ops = {
        	.mmap = demo_mmap,
        };
        """;
    String funcs =
        """
        static int demo_setup(struct vm_area_struct *vma)
        {
        	vma->vm_ops = &demo_vm_ops;
        	return 0;
        }

        static const struct demo_funcs demo_impl = {
        	.setup = demo_setup,
        };
        """;
    ScanResult scan =
        scan(
            Map.of("drivers/demo/exp.c", exporter, "drivers/demo/funcs.c", funcs),
            ScanOptions.defaults(Profile.CURRENT),
            RuleDescriptor.of(new InstallsVmOpsRule()));
    assertEquals(
        List.of("drivers/demo/funcs.c:3"),
        scan.findings().stream().map(f -> f.location().file() + ":" + f.location().line()).toList());
    assertEquals(
        List.of("calls through file_operations.mmap followed only into tables loaded for other reasons: a file's"
            + " operations are those of the device it was opened on, which the type does not tell, so tables of"
            + " file_operations are not loaded for a call"),
        scan.notifications().stream().map(Notification::message).toList());
    assertTrue(scan.successful(), "a limit of the loader, not a failure");
  }

  @Test
  void definitionsThatCollideCostFilesParsedNeverAFinding() throws IOException {
    String unrelated =
        """
        static const struct vm_operations_struct other_vm_ops = {
        	.fault = other_fault,
        };

        int demo_other(struct vm_area_struct *vma)
        {
        	vma->vm_ops = &other_vm_ops;
        	return 0;
        }

        struct other_device {
        	int id;
        };
        """;
    Map<String, String> files =
        Map.of(
            "drivers/demo/exp.c", EXPORTER,
            "drivers/demo/helper.c", HELPER,
            "drivers/demo/other.c", unrelated,
            "drivers/other/unrelated.c", unrelated.replace("demo_other", "far_other"));
    RuleDescriptor rule = RuleDescriptor.of(new InstallsVmOpsRule());
    ScanResult usual = scan(files, ScanOptions.defaults(Profile.CURRENT), rule);
    ScanResult colliding =
        new Scanner(ScanOptions.defaults(Profile.CURRENT), ScanListener.NONE, d -> 42L)
            .scan(new MemoryTree(files), List.of(""), List.of(rule));
    assertEquals(2, usual.stats().filesParsed());
    assertEquals(4, colliding.stats().filesParsed(), "every name collides: every file that defines one is parsed");
    assertEquals(usual.findings(), colliding.findings());
  }

  @Test
  void oddFilesBecomeNotificationsAndTheScanGoesOn() throws IOException {
    String big = "static const struct dma_buf_ops big_ops = { .mmap = big_mmap };\n" + "int pad;\n".repeat(20_000);
    ScanOptions small = new ScanOptions(Profile.CURRENT, 2, 10_000, 100_000, 4, KernelApi.builtin());
    ScanResult scan =
        scan(
            Map.of(
                "drivers/demo/exp.c", EXPORTER,
                "drivers/demo/helper.c", HELPER,
                "drivers/demo/blob.c", "\0\0binary",
                "drivers/demo/latin1.c", "/* caf\u00e9 */\nstatic const struct dma_buf_ops l_ops = { .mmap = l_mmap };\n",
                "drivers/demo/big.c", big),
            small,
            RuleDescriptor.of(new InstallsVmOpsRule()));
    assertTrue(noteFor(scan, "drivers/demo/blob.c").startsWith("binary content"), scan.notifications().toString());
    assertEquals("not valid UTF-8; read as Latin-1", noteFor(scan, "drivers/demo/latin1.c"));
    assertTrue(noteFor(scan, "drivers/demo/big.c").contains("over the parse limit"), scan.notifications().toString());
    assertTrue(scan.successful(), "files that cannot be read do not fail the scan");
    assertEquals(1, scan.findings().size(), "the good files are still checked");
    assertTrue(
        scan.model().opsTables("dma_buf_ops").stream().anyMatch(t -> t.name().equals("l_ops")),
        "the Latin-1 file is parsed all the same");
  }

  @Test
  void longChainsOfConditionsAreFollowedAndOneTooDeepIsANotification() throws IOException {
    // Two ifs with the same long chain of calls: their guards are equal trees, not the same one.
    String helper =
        """
        static const struct vm_operations_struct helper_vm_ops = {
        	.fault = helper_fault,
        };

        int demo_setup_vma(void *priv, struct vm_area_struct *vma)
        {
        	if (CHAIN)
        		return -EINVAL;
        	if (CHAIN)
        		return -EINVAL;
        	vma->vm_ops = &helper_vm_ops;
        	return 0;
        }
        """.replace("CHAIN", chain(150));
    String deep =
        """
        static int deep_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
        {
        	return CHAIN;
        }

        static const struct dma_buf_ops deep_ops = {
        	.mmap = deep_mmap,
        };
        """.replace("CHAIN", chain(1000));
    ScanResult scan =
        scan(Map.of("drivers/demo/exp.c", EXPORTER, "drivers/demo/helper.c", helper, "drivers/demo/deep.c", deep),
            ScanOptions.defaults(Profile.CURRENT), RuleDescriptor.of(new InstallsVmOpsRule()));
    assertEquals("not parsed: an expression at line 3 nests over 200 levels deep, the limit", noteFor(scan, "drivers/demo/deep.c"));
    assertEquals(1, scan.notifications().size(), scan.notifications().toString());
    assertEquals(1, scan.findings().size(), "the vm_ops store after the two checks is on the path");
    assertTrue(scan.successful());
  }

  /** A condition of that many calls, joined by &&. */
  private static String chain(int terms) {
    return String.join(" && ", java.util.stream.IntStream.range(0, terms).mapToObj(i -> "ok" + i + "(vma)").toList());
  }

  @Test
  void aFailingRuleIsANotificationAndTheOtherRulesStillReport() throws IOException {
    ScanResult scan =
        scan(
            Map.of("drivers/demo/exp.c", EXPORTER, "drivers/demo/helper.c", HELPER),
            ScanOptions.defaults(Profile.CURRENT),
            RuleDescriptor.of(new ThrowingRule()),
            RuleDescriptor.of(new InstallsVmOpsRule()));
    assertEquals(1, scan.findings().size());
    Notification failure =
        scan.notifications().stream().filter(n -> "test/throws".equals(n.ruleId())).findFirst().orElseThrow();
    assertTrue(failure.message().contains("rule defect"));
    assertFalse(scan.successful());
  }

  @Test
  void findingsAtOnePlaceFromTwoExportersAreMerged() throws IOException {
    String two = EXPORTER + "\nstatic const struct dma_buf_ops second_ops = {\n\t.mmap = demo_mmap,\n};\n";
    ScanResult scan =
        scan(
            Map.of("drivers/demo/exp.c", two, "drivers/demo/helper.c", HELPER),
            ScanOptions.defaults(Profile.ORIGINAL_2012),
            RuleDescriptor.of(new InstallsVmOpsRule()));
    assertEquals(1, scan.findings().size());
    Finding f = scan.findings().get(0);
    assertEquals(Severity.ERROR, f.severity(), "the 2012 level of the rule");
    assertEquals(2, f.related().size());
    assertEquals(2, f.flows().size());
  }
}
