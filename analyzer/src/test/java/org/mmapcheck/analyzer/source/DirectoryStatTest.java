package org.mmapcheck.analyzer.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmapcheck.analyzer.cache.ContentCache;
import org.mmapcheck.analyzer.cache.EntryStore;
import org.mmapcheck.analyzer.engine.Profile;
import org.mmapcheck.analyzer.engine.ScanCache;
import org.mmapcheck.analyzer.engine.ScanListener;
import org.mmapcheck.analyzer.engine.ScanOptions;
import org.mmapcheck.analyzer.engine.ScanResult;
import org.mmapcheck.analyzer.engine.Scanner;
import org.mmapcheck.analyzer.model.OpsTable;

/** A directory named by its files' stat data: read once, then taken from the cache until a file changes. */
class DirectoryStatTest {

  @TempDir Path dir;

  /** Same length both ways: only the first names the exporter type. */
  private static final String EXPORTER = "static const struct dma_buf_ops toy_x_ops = { .release = NULL };\n";
  private static final String NOT_YET = "static const struct abc_buf_ops toy_x_ops = { .release = NULL };\n";

  private Path root() {
    return dir.resolve("tree");
  }

  private void write(String path, String text) throws IOException {
    Path file = root().resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  /** Every file counts as settled at once, as a minute-old tree would. */
  private DirectoryTree tree() {
    return DirectoryTree.namingByStat(root(), -60_000);
  }

  private ScanResult scan(SourceTree tree) throws IOException {
    ScanCache cache = new ContentCache(EntryStore.open(dir.resolve("cache"), 1 << 30), "test-build");
    ScanResult result = new Scanner(ScanOptions.defaults(Profile.CURRENT).withJobs(2), ScanListener.NONE, cache).scan(tree, List.of(""), List.of());
    cache.flush();
    return result;
  }

  private static List<String> exporters(ScanResult r) {
    return r.model().opsTables("dma_buf_ops").stream().map(OpsTable::name).sorted().toList();
  }

  @Test
  void filesSeenBeforeUnchangedAreNotReadAgain() throws Exception {
    write("drivers/x/exp.c", EXPORTER);
    write("drivers/x/other.c", "int toy_other(void) { return 0; }\n");
    CountingTree cold = new CountingTree(tree());
    scan(cold);
    assertEquals(Set.of("drivers/x/exp.c", "drivers/x/other.c"), cold.reads());

    CountingTree warm = new CountingTree(tree());
    ScanResult again = scan(warm);
    assertEquals(List.of("toy_x_ops"), exporters(again));
    // Only the parsed file is read, for the blob id its parse is kept under.
    assertEquals(Set.of("drivers/x/exp.c"), warm.reads());
  }

  /** The stale facts would say the file names no exporter type, and the exporter would go unseen. */
  @Test
  void aFileRewrittenWithItsSizeAndTimeKeptIsReadAgain() throws Exception {
    write("drivers/x/exp.c", NOT_YET);
    Path file = root().resolve("drivers/x/exp.c");
    FileTime before = Files.getLastModifiedTime(file);
    assertEquals(List.of(), exporters(scan(tree())));

    Files.writeString(file, EXPORTER);
    Files.setLastModifiedTime(file, before);
    CountingTree after = new CountingTree(tree());
    assertEquals(List.of("toy_x_ops"), exporters(scan(after)));
    assertTrue(after.reads().contains("drivers/x/exp.c"));
  }

  @Test
  void aFileChangedTooLatelyHasNoStatId() throws Exception {
    write("drivers/x/exp.c", EXPORTER);
    DirectoryTree settled = tree();
    settled.walk(List.of(""), p -> {}, (p, why) -> {});
    String id = settled.statId("drivers/x/exp.c");
    assertNotNull(id);
    assertNotNull(settled.directoryId("drivers/x"));

    DirectoryTree strict = DirectoryTree.namingByStat(root(), 60_000);
    strict.walk(List.of(""), p -> {}, (p, why) -> {});
    assertNull(strict.statId("drivers/x/exp.c"), "changed within the last minute");

    Files.writeString(root().resolve("drivers/x/exp.c"), EXPORTER + "\n");
    DirectoryTree later = tree();
    later.walk(List.of(""), p -> {}, (p, why) -> {});
    assertNotEquals(id, later.statId("drivers/x/exp.c"));
    assertNull(new DirectoryTree(root()).statId("drivers/x/exp.c"), "a plain directory tree names nothing");
  }
}
