package org.mmapcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** .mmapcheck.toml at the tree root: what it sets, what the command line overrides, what it refuses. */
class ConfigFileTest {

  @TempDir Path dir;

  /**
   * drivers/toy: a fault handler that calls the driver's own wait, on a mapping without
   * VM_DONTEXPAND; drivers/bare: an exporter without .mmap.
   */
  private Path tree() throws IOException {
    Path toy = Files.createDirectories(dir.resolve("tree/drivers/toy"));
    Files.writeString(
        toy.resolve("toy.c"),
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
        	vma->vm_ops = &toy_vm_ops;
        	return 0;
        }

        static const struct dma_buf_ops toy_ops = {
        	.mmap = toy_mmap,
        };
        """);
    Path bare = Files.createDirectories(dir.resolve("tree/drivers/bare"));
    Files.writeString(
        bare.resolve("bare.c"),
        """
        static const struct dma_buf_ops bare_ops = {
        	.release = bare_release,
        };
        """);
    return dir.resolve("tree");
  }

  private Path config(Path tree, String toml) throws IOException {
    return Files.writeString(tree.resolve(".mmapcheck.toml"), toml);
  }

  /** The rule ids and levels of a text report, one "level rule" a line, sorted. */
  private static String levels(MmapCheckTest.Run r) {
    return r.out().lines()
        .map(l -> l.replaceAll("^[^:]+:\\d+:\\d+: (\\w+): .* \\[(\\S+)\\]$", "$2 $1"))
        .sorted()
        .reduce("", (a, b) -> a + b + "\n");
  }

  @Test
  void theFileSetsProfileRulesApiAndSkippedPaths() throws IOException {
    Path tree = tree();
    String path = tree.toString();
    assertEquals(
        "dmabuf/fault-interception note\ndmabuf/mmap-expandable warning\ndmabuf/mmap-missing note\n",
        levels(MmapCheckTest.run("scan", "--format", "text", "--fail-on", "never", path)));

    config(
        tree,
        """
        profile = "2012"
        skip = ["drivers/bare/"]

        [rules]
        "dmabuf/mmap-expandable" = "off"
        "dmabuf/fault-interception" = "error"
        "dmabuf/fault-sync" = "on"

        [api]
        wait = ["toy_wait_for_gpu"]
        """);
    MmapCheckTest.Run r = MmapCheckTest.run("scan", "--format", "text", "--fail-on", "never", path);
    assertEquals(0, r.exit(), r.err());
    assertEquals("dmabuf/fault-interception error\ndmabuf/fault-sync error\n", levels(r));

    assertEquals(
        "dmabuf/fault-interception error\ndmabuf/fault-sync error\ndmabuf/mmap-missing note\n",
        levels(
            MmapCheckTest.run(
                "scan", "--format", "text", "--fail-on", "never", "--profile", "current", "--root", path,
                tree.resolve("drivers/toy").toString(), tree.resolve("drivers/bare").toString())),
        "--profile and a path given on the command line win over the file");
    assertEquals(
        "dmabuf/fault-interception note\ndmabuf/mmap-expandable warning\ndmabuf/mmap-missing note\n",
        levels(MmapCheckTest.run("scan", "--format", "text", "--fail-on", "never", "--no-config", path)));
  }

  @Test
  void configPointsElsewhere() throws IOException {
    String path = tree().toString();
    Path elsewhere = Files.writeString(dir.resolve("strict.toml"), "[rules]\n\"dmabuf/mmap-missing\" = \"error\"\n");
    MmapCheckTest.Run r = MmapCheckTest.run("scan", "--format", "text", "--config", elsewhere.toString(), path);
    assertEquals(1, r.exit(), "the file's level counts for --fail-on");
    assertTrue(levels(r).contains("dmabuf/mmap-missing error\n"), r.out());
  }

  @Test
  void anythingTheFileDoesNotKnowIsOneLineNamingFileAndKey() throws IOException {
    Path tree = tree();
    String file = tree.resolve(".mmapcheck.toml").toString();
    String[][] cases = {
      {"colour = \"red\"\n", "unknown key 'colour'"},
      {"[rules]\n\"dmabuf/no-such-rule\" = \"off\"\n", "rules.\"dmabuf/no-such-rule\": unknown rule"},
      {"[rules]\n\"dmabuf/mmap-missing\" = \"loud\"\n", "rules.\"dmabuf/mmap-missing\": 'loud' is not one of"},
      {"profile = \"2013\"\n", "profile: unknown profile '2013'"},
      {"skip = [\"../elsewhere\"]\n", "skip: '../elsewhere' is not a path inside the tree"},
      {"[api]\nwait = \"toy_wait_for_gpu\"\n", "api.wait: expected an array of strings"},
      {"[api]\nsleep = [\"toy_nap\"]\n", "api.sleep:1: unknown category 'sleep'"},
      {"profile = \n", "not valid TOML"},
    };
    for (String[] c : cases) {
      config(tree, c[0]);
      MmapCheckTest.Run r = MmapCheckTest.run("scan", tree.toString());
      assertEquals(2, r.exit(), c[0]);
      assertEquals("", r.out(), c[0]);
      assertEquals(1, r.err().strip().lines().count(), r.err());
      assertTrue(r.err().startsWith("mmapcheck: " + file + ": " + c[1]), c[0] + " gave " + r.err());
    }
    assertEquals(0, MmapCheckTest.run("scan", "--no-config", "--fail-on", "never", tree.toString()).exit());
    MmapCheckTest.Run both = MmapCheckTest.run("scan", "--no-config", "--config", file, tree.toString());
    assertEquals(2, both.exit());
    assertFalse(both.err().contains("Exception"), both.err());
    assertEquals(2, MmapCheckTest.run("scan", "--config", dir.resolve("none.toml").toString(), tree.toString()).exit());
  }
}
