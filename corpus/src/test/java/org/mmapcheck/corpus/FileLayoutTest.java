package org.mmapcheck.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.mmapcheck.analyzer.engine.Finding;
import org.mmapcheck.analyzer.engine.Profile;
import org.mmapcheck.analyzer.engine.ScanResult;
import org.mmapcheck.analyzer.engine.ScanListener;
import org.mmapcheck.analyzer.engine.ScanOptions;
import org.mmapcheck.analyzer.engine.Scanner;
import org.mmapcheck.analyzer.model.FunctionDef;
import org.mmapcheck.analyzer.model.OpsTable;
import org.mmapcheck.analyzer.model.ProgramModel;
import org.mmapcheck.analyzer.source.DirectoryTree;
import org.mmapcheck.rules.BuiltinRules;

/**
 * Findings do not depend on how a program is split across files: every corpus fixture, split
 * (see {@link SplitProgram}), gives the same findings at the same places; and cases once
 * reproduced where they did.
 */
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

  @TestFactory
  Stream<DynamicTest> everyFixtureSplitAcrossFilesAndDirectoriesGivesTheSameFindings() {
    List<Corpus.Case> cases = new ArrayList<>(Corpus.ruleCases());
    cases.addAll(Corpus.casesIn(Corpus.MODEL));
    return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> sameSplit(c)));
  }

  private void sameSplit(Corpus.Case c) throws IOException {
    Path root = Files.createTempDirectory(dir, "split");
    try (Stream<Path> include = Files.walk(c.root().resolve(Corpus.INCLUDE))) {
      for (Path p : include.filter(Files::isRegularFile).toList()) {
        Path to = root.resolve(c.root().relativize(p).toString());
        Files.createDirectories(to.getParent());
        Files.copy(p, to);
      }
    }
    Map<String, List<SplitProgram.Line>> origins = new TreeMap<>();
    for (Map.Entry<String, Path> f : c.files().entrySet()) {
      String text = Files.readString(f.getValue());
      Map<String, List<SplitProgram.Line>> files =
          f.getKey().endsWith(".c") ? SplitProgram.split(f.getKey(), text) : Map.of(f.getKey(), unsplit(f.getKey(), text));
      origins.putAll(files);
    }
    for (Map.Entry<String, List<SplitProgram.Line>> f : origins.entrySet()) {
      Path to = root.resolve(f.getKey());
      Files.createDirectories(to.getParent());
      Files.writeString(to, String.join("\n", f.getValue().stream().map(SplitProgram.Line::text).toList()) + "\n");
    }
    String prefix = c.prefixes().get(c.prefixes().size() - 1);
    if (prefix.endsWith(".c")) prefix = prefix.substring(0, prefix.lastIndexOf('/') + 1) + "split";

    ScanResult whole = c.scan(Profile.CURRENT);
    ScanResult split =
        new Scanner(ScanOptions.defaults(Profile.CURRENT).withJobs(1), ScanListener.NONE)
            .scan(new DirectoryTree(root), List.of(Corpus.INCLUDE, prefix), BuiltinRules.all());
    assertEquals(described(whole, Map.of()), described(split, origins), () -> "split into " + origins.keySet());
  }

  private static List<SplitProgram.Line> unsplit(String path, String text) {
    String[] lines = text.split("\n", -1);
    List<SplitProgram.Line> out = new ArrayList<>();
    for (int n = 0; n < lines.length; n++) out.add(new SplitProgram.Line(lines[n], path, n + 1));
    return out;
  }

  /**
   * Each finding (rule, function, place in the original files) and each exporter with its mmap
   * handler, sorted.
   */
  private static List<String> described(ScanResult scan, Map<String, List<SplitProgram.Line>> origins) {
    List<String> out = new ArrayList<>();
    for (Finding f : scan.findings()) {
      List<SplitProgram.Line> lines = origins.get(f.location().file());
      String at =
          lines == null
              ? f.location().file() + ":" + f.location().line()
              : lines.get(f.location().line() - 1).file() + ":" + lines.get(f.location().line() - 1).line();
      out.add(f.ruleId() + " in " + f.function() + " at " + at);
    }
    ProgramModel model = scan.model();
    for (OpsTable exporter : model.opsTables("dma_buf_ops")) {
      FunctionDef mmap = model.handler(exporter, "mmap");
      out.add("exporter " + exporter.name() + " mmap=" + (mmap == null ? "-" : mmap.name()));
    }
    out.sort(null);
    return out;
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
