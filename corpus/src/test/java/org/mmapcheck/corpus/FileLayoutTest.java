package org.mmapcheck.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmapcheck.analyzer.engine.Profile;
import org.mmapcheck.analyzer.engine.ScanListener;
import org.mmapcheck.analyzer.engine.ScanOptions;
import org.mmapcheck.analyzer.engine.Scanner;
import org.mmapcheck.analyzer.source.DirectoryTree;
import org.mmapcheck.rules.BuiltinRules;

/** Cases once reproduced where the same code split across files changed the findings. */
class FileLayoutTest {

  @TempDir Path dir;

  private static final String EXPORTER =
      """
      static int demo_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
      {
      	return remap_pfn_range(vma, vma->vm_start, vma->vm_pgoff, vma->vm_end - vma->vm_start, vma->vm_page_prot);
      }

      static struct sg_table *demo_map(struct dma_buf_attachment *at, enum dma_data_direction dir)
      {
      	return demo_map_pages(at, dir);
      }

      static const struct dma_buf_ops demo_ops = {
      	.map_dma_buf = demo_map,
      	.mmap = demo_mmap,
      };
      """;

  /** Reached only from .map_dma_buf, which no mmap path calls. */
  private static final String MAP_HELPER =
      """
      struct sg_table *demo_map_pages(struct dma_buf_attachment *at, enum dma_data_direction dir)
      {
      	dma_map_sgtable(at->dev, at->priv, dir, 0);
      	return at->priv;
      }
      """;

  @Test
  void aStreamingMappingInASiblingFileIsFoundAsInTheSameFile() throws IOException {
    List<String> oneFile = findings(Map.of("drivers/demo/exp.c", EXPORTER + "\n" + MAP_HELPER));
    List<String> twoFiles = findings(Map.of("drivers/demo/exp.c", EXPORTER, "drivers/demo/map.c", MAP_HELPER));
    assertEquals(List.of("dmabuf/noncoherent-mapping demo_ops"), oneFile);
    assertEquals(oneFile, twoFiles);
  }

  /** Rule and function of each finding of a scan of the files, with every rule, in order. */
  private List<String> findings(Map<String, String> files) throws IOException {
    Path root = Files.createTempDirectory(dir, "tree");
    for (Map.Entry<String, String> f : files.entrySet()) {
      Path p = root.resolve(f.getKey());
      Files.createDirectories(p.getParent());
      Files.writeString(p, f.getValue());
    }
    return new Scanner(ScanOptions.defaults(Profile.CURRENT).withJobs(1), ScanListener.NONE)
        .scan(new DirectoryTree(root), List.of(""), BuiltinRules.all())
        .findings()
        .stream()
        .map(f -> f.ruleId() + " " + f.function())
        .toList();
  }
}
