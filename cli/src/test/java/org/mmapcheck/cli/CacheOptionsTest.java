package org.mmapcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.mmapcheck.cli.MmapCheckTest.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmapcheck.analyzer.Version;
import org.mmapcheck.analyzer.cache.ContentCache;
import org.mmapcheck.analyzer.cache.EntryStore;
import org.mmapcheck.analyzer.engine.Profile;
import org.mmapcheck.analyzer.source.GitTree;
import org.mmapcheck.cli.MmapCheckTest.Run;
import org.mmapcheck.rules.BuiltinRules;

/** --cache, --no-cache and --cache-max-size on the commands that read git. */
class CacheOptionsTest {

  @TempDir Path dir;

  private Path work() {
    return dir.resolve("work");
  }

  /** corpus/sample committed, then one file changed in a second commit. */
  private Git twoCommits() throws Exception {
    GitCommandsTest.copySample(work());
    Git git = Git.init().setDirectory(work().toFile()).setInitialBranch("main").call();
    git.add().addFilepattern(".").call();
    git.commit().setMessage("sample").setSign(false).call();
    Path c = work().resolve("drivers/dma-buf/heaps/toy_heap.c");
    Files.writeString(c, Files.readString(c).replace("return 0;", "return 0; /* moved */"));
    git.add().addFilepattern(".").call();
    git.commit().setMessage("change").setSign(false).call();
    return git;
  }

  private Run withCache(String cache, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    if (cache == null) all.add("--no-cache");
    else all.addAll(List.of("--cache", cache));
    return run(all.toArray(String[]::new));
  }

  /** The run with the time a report was made left out: the rest must be the same bytes. */
  private static Run timeless(Run r) {
    return new Run(r.exit(), r.out().replaceAll("\\| Time \\| [^|]* \\|", "| Time | |"), r.err());
  }

  private long entries(Path cache) throws Exception {
    try (Stream<Path> files = Files.walk(cache)) {
      return files.filter(Files::isRegularFile).count();
    }
  }

  @Test
  void reportsAreTheSameBytesWithoutTheCacheColdAndWarm() throws Exception {
    try (Git git = twoCommits()) {
      String cache = dir.resolve("cache").toString();
      List<List<String>> commands =
          List.of(
              List.of("scan", "--fail-on", "never", "--repo", work().toString(), "--rev", "main"),
              List.of("scan", "--format", "json", "--fail-on", "never", work().toString()),
              List.of("inventory", "--format", "text", work().toString()),
              List.of("report", "--format", "markdown", work().toString()),
              List.of("scan", "--format", "text", "--fail-on", "never", "--repo", work().toString(), "--rev", "main~1"),
              List.of("diff", "--fail-on", "never", "--show-fixed", "--repo", work().toString(), "--base", "main~1", "--head", "main"),
              List.of("diff", "--format", "json", "--fail-on", "never", "--repo", work().toString(), "--base", "main~1"));
      for (List<String> command : commands) {
        String[] args = command.toArray(String[]::new);
        Run none = timeless(withCache(null, args));
        Run first = timeless(withCache(cache, args));
        Run second = timeless(withCache(cache, args));
        assertEquals(0, none.exit(), none.err());
        assertFalse(none.out().isEmpty());
        assertEquals(none, first, String.join(" ", command));
        assertEquals(none, second, String.join(" ", command));
      }
      assertTrue(entries(dir.resolve("cache")) > 0);
    }
  }

  /** Names of the files in the cache's packs directory (none when it is missing). */
  private static List<String> packFiles(Path cache) throws Exception {
    Path packs = cache.resolve("packs");
    if (!Files.isDirectory(packs)) return List.of();
    try (Stream<Path> files = Files.list(packs)) {
      return files.map(f -> f.getFileName().toString()).toList();
    }
  }

  /**
   * A run stopped by a signal keeps the entries it put in its pack: here it waits to write its
   * report into a FIFO that nobody reads, so it never gets to close the cache itself, and is
   * stopped once its pack is under way.
   */
  @Test
  void aRunStoppedBySignalKeepsItsPack() throws Exception {
    Path tree = dir.resolve("many");
    for (int i = 0; i < 80; i++) {
      Path d = Files.createDirectories(tree.resolve("drivers/d" + i));
      Files.writeString(d.resolve("x.c"), "static const struct dma_buf_ops d" + i + "_ops = {\n};\n");
    }
    Path fifo = dir.resolve("report.sarif");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assumeTrue(mkfifo.waitFor() == 0, "mkfifo");
    Path cache = dir.resolve("cache");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process scan =
        new ProcessBuilder(
                java, "-cp", System.getProperty("java.class.path"), "org.mmapcheck.cli.MmapCheck", "scan", "-q", "--cache",
                cache.toString(), "-o", fifo.toString(), tree.toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (packFiles(cache).stream().noneMatch(f -> f.endsWith(".tmp"))) {
        assertTrue(scan.isAlive(), "the scan ended before it wrote a pack");
        assertTrue(System.nanoTime() < deadline, "no pack after 60 s");
        Thread.sleep(20);
      }
    } finally {
      scan.destroy();
    }
    assertTrue(scan.waitFor(60, TimeUnit.SECONDS));
    assertTrue(scan.exitValue() != 0, "stopped, not finished");
    assertTrue(packFiles(cache).stream().anyMatch(f -> f.endsWith(".pack")), packFiles(cache).toString());
  }

  /**
   * Base's findings come from the cache when a run saw its tree before, and only under the same
   * settings: a change that fixes one finding and brings another, diffed under one profile and
   * then the other, reports as without a cache.
   */
  @Test
  void aBaseSeenBeforeGivesTheSameDiffUnderEachProfile() throws Exception {
    GitCommandsTest.copySample(work());
    try (Git git = Git.init().setDirectory(work().toFile()).setInitialBranch("main").call()) {
      git.add().addFilepattern(".").call();
      git.commit().setMessage("sample").setSign(false).call();
      Path dsp = work().resolve("drivers/misc/toy_dsp.c");
      Files.writeString(work().resolve("drivers/misc/toy_dsq.c"), Files.readString(dsp).replace("toy_dsp", "toy_dsq"));
      Files.delete(dsp);
      git.add().addFilepattern(".").call();
      git.rm().addFilepattern("drivers/misc/toy_dsp.c").call();
      git.commit().setMessage("toy_dsp becomes toy_dsq").setSign(false).call();
    }
    String cache = dir.resolve("cache").toString();
    for (String format : List.of("text", "sarif"))
      for (String profile : List.of("current", "2012", "current")) {
        String[] args = {
          "diff", "--format", format, "--profile", profile, "--show-fixed", "--fail-on", "never", "--repo", work().toString(),
          "--base", "main~1", "--head", "main"
        };
        Run none = withCache(null, args);
        assertEquals(0, none.exit(), none.err());
        assertTrue(none.out().contains("toy_dsq") && none.out().contains("toy_dsp"), none.out());
        assertEquals(none, withCache(cache, args), String.join(" ", args));
      }
  }

  /** scan --rev keeps the revision's findings, so a diff from it takes them and does not scan it. */
  @Test
  void aRevisionScannedIsNotScannedAgainAsABase() throws Exception {
    try (Git git = twoCommits()) {
      String cache = dir.resolve("cache").toString();
      Run scan = withCache(cache, "scan", "--format", "text", "--fail-on", "never", "--repo", work().toString(), "--rev", "main~1");
      assertEquals(0, scan.exit(), scan.err());
      Repository repo = git.getRepository();
      GitTree base = new GitTree(repo, repo.parseCommit(repo.resolve("main~1")).getTree(), "main~1");
      TreeOptions options = new TreeOptions();
      options.quiet = true;
      ContentCache kept = new ContentCache(EntryStore.open(Path.of(cache), 1 << 30), Version.build());
      ScanRunner.Findings findings =
          ScanRunner.findings(base, List.of(""), options, Profile.CURRENT, BuiltinRules.all(), ConfigFile.NONE, kept);
      assertNull(findings.scan(), "taken from what scan --rev kept");
      assertFalse(findings.findings().isEmpty());
    }
  }

  @Test
  void aCacheThatCannotBeWrittenIsOneLineAndTheScanGoesOn() throws Exception {
    try (Git git = twoCommits()) {
      Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
      String[] args = {"scan", "--format", "text", "--fail-on", "never", "--repo", work().toString(), "--rev", "main"};
      Run none = withCache(null, args);
      Run unwritable = withCache(file.resolve("cache").toString(), args);
      assertEquals(0, unwritable.exit());
      assertEquals(none.out(), unwritable.out());
      assertEquals(1, unwritable.err().lines().count(), unwritable.err());
      assertTrue(unwritable.err().startsWith("mmapcheck: cannot use the cache " + file.resolve("cache")), unwritable.err());
    }
  }

  @Test
  void theCacheIsKeptWithinItsBound() throws Exception {
    try (Git git = twoCommits()) {
      Path cache = dir.resolve("cache");
      String[] scan = {"scan", "--fail-on", "never", "--repo", work().toString(), "--rev", "main", "--cache", cache.toString()};
      run(scan);
      long size;
      try (Stream<Path> files = Files.walk(cache)) {
        size = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
      }
      assertTrue(size > 2048, "size: " + size);
      List<String> bounded = new ArrayList<>(List.of(scan));
      bounded.set(6, "main~1"); // another tree: new entries, so the bound is applied
      bounded.addAll(List.of("--cache-max-size", "2K"));
      Run r = run(bounded.toArray(String[]::new));
      assertEquals(0, r.exit(), r.err());
      try (Stream<Path> files = Files.walk(cache)) {
        assertTrue(files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum() <= 2048);
      }
    }
  }

  @Test
  void aSizeThatIsNotOneIsAUsageError() throws Exception {
    try (Git git = twoCommits()) {
      Run r = run("scan", "--repo", work().toString(), "--rev", "main", "--cache-max-size", "lots");
      assertEquals(2, r.exit());
      assertEquals("mmapcheck: --cache-max-size: not a size (bytes, or a number with K, M or G): lots", r.err().strip());
    }
  }
}
