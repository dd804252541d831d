package org.mmapcheck.analyzer.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmapcheck.analyzer.engine.Finding;
import org.mmapcheck.analyzer.engine.Profile;
import org.mmapcheck.analyzer.engine.Rule;
import org.mmapcheck.analyzer.engine.RuleDescriptor;
import org.mmapcheck.analyzer.engine.ScanCache;
import org.mmapcheck.analyzer.engine.ScanListener;
import org.mmapcheck.analyzer.engine.ScanOptions;
import org.mmapcheck.analyzer.engine.ScanResult;
import org.mmapcheck.analyzer.engine.Scanner;
import org.mmapcheck.analyzer.engine.Severity;
import org.mmapcheck.analyzer.engine.TextFacts;
import org.mmapcheck.analyzer.frontend.TableMacros;
import org.mmapcheck.analyzer.model.Location;
import org.mmapcheck.analyzer.source.CountingTree;
import org.mmapcheck.analyzer.source.DirectoryTree;
import org.mmapcheck.analyzer.source.GitTree;
import org.mmapcheck.analyzer.source.GitWorkTree;
import org.mmapcheck.analyzer.source.SourceTree;
import org.mmapcheck.analyzer.testrules.DriverCallsRule;
import org.mmapcheck.analyzer.testrules.InstallsVmOpsRule;

/** Scans of git trees with and without a cache, cold and warm, give the same results. */
class ContentCacheTest {

  private static final Path SAMPLE = Path.of("../corpus/sample");
  private static final String BUILD = "test-build";
  /** The C sources of the sample tree. */
  private static final int SAMPLE_SOURCES = 9;

  @TempDir Path dir;

  private Path work() {
    return dir.resolve("work");
  }

  private Git sampleRepository() throws Exception {
    try (Stream<Path> files = Files.walk(SAMPLE)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Path to = work().resolve(SAMPLE.relativize(f).toString());
        Files.createDirectories(to.getParent());
        Files.copy(f, to);
      }
    }
    Git git = Git.init().setDirectory(work().toFile()).call();
    git.add().addFilepattern(".").call();
    git.commit().setMessage("sample").setSign(false).call();
    return git;
  }

  private static GitTree head(Repository repo) throws IOException {
    RevCommit commit = repo.parseCommit(repo.resolve("HEAD"));
    return new GitTree(repo, commit.getTree(), "work@head");
  }

  private static ScanResult scan(SourceTree tree, ScanCache cache) throws IOException {
    return scan(tree, cache, new InstallsVmOpsRule());
  }

  private static ScanResult scan(SourceTree tree, ScanCache cache, Rule rule) throws IOException {
    ScanResult result =
        new Scanner(ScanOptions.defaults(Profile.CURRENT).withJobs(2), ScanListener.NONE, cache)
            .scan(tree, List.of(""), List.of(RuleDescriptor.of(rule)));
    cache.flush();
    return result;
  }

  private ContentCache cache() throws IOException {
    return new ContentCache(EntryStore.open(dir.resolve("cache"), 1 << 30), BUILD);
  }

  /** What a report shows of a scan: findings, notifications, files read and parsed. */
  private static List<Object> shown(ScanResult r) {
    return List.of(
        r.findings(), r.suppressed(), r.notifications(), r.stats().filesRead(), r.stats().bytesRead(), r.stats().filesParsed(),
        r.stats().functions(), r.paths().size());
  }

  private static Set<String> findingFiles(ScanResult r) {
    return r.findings().stream().map(f -> f.location().file()).collect(Collectors.toSet());
  }

  @Test
  void aWarmScanReadsOnlyTheFilesWithFindingsAndFindsTheSame() throws Exception {
    try (Git git = sampleRepository()) {
      ScanResult plain = scan(head(git.getRepository()), ScanCache.NONE);
      assertFalse(plain.findings().isEmpty());

      CountingTree cold = new CountingTree(head(git.getRepository()));
      ContentCache coldCache = cache();
      assertEquals(shown(plain), shown(scan(cold, coldCache)));
      assertEquals(0, coldCache.hits());
      assertTrue(cold.reads().size() >= 9, cold.reads().toString());

      CountingTree warm = new CountingTree(head(git.getRepository()));
      ContentCache warmCache = cache();
      assertEquals(shown(plain), shown(scan(warm, warmCache)));
      assertTrue(warmCache.hits() >= 9, "hits: " + warmCache.hits());
      // Only what reads suppressions (the files with findings) reads the source again.
      assertEquals(findingFiles(plain), warm.reads());
    }
  }

  @Test
  void aSecondScanInTheSameRunReadsOnlyWhatChanged() throws Exception {
    try (Git git = sampleRepository()) {
      ContentCache cache = cache();
      // Through a tree that is no GitTree, so a directory to an entry, as in a work tree.
      scan(new CountingTree(head(git.getRepository())), cache); // cold: the directories' entries are missed, then kept
      Path changed = work().resolve("drivers/dma-buf/heaps/toy_heap.c");
      Files.writeString(changed, Files.readString(changed) + "\n/* changed */\n");
      git.add().addFilepattern(".").call();
      git.commit().setMessage("change").setSign(false).call();
      CountingTree next = new CountingTree(head(git.getRepository()));
      ScanResult result = scan(next, cache);
      assertEquals(shown(scan(head(git.getRepository()), ScanCache.NONE)), shown(result));
      Set<String> expected = new java.util.HashSet<>(findingFiles(result));
      expected.add("drivers/dma-buf/heaps/toy_heap.c");
      assertEquals(expected, next.reads());
    }
  }

  @Test
  void directoryEntriesReadBackAsWrittenAndAShortOrLongOneAsNone() {
    Map<String, ContentCache.Held> files =
        Map.of(
            "a.c",
            new ContentCache.Held("1a2b", new TextFacts(120, false, 3, new long[] {7L, -1L << 40}, null)),
            "été.h", // not ASCII, and a NUL, which an entry writes in two bytes
            new ContentCache.Held(
                "3c4d",
                new TextFacts(7, false, 0, new long[0], List.of(new TableMacros.Definition("OPS", "O\0PS", ".mmap = été_mmap", "")))),
            "blob.c",
            new ContentCache.Held("5e6f", new TextFacts(9, true, 0, null, null)));
    byte[] data = ContentCache.encode(files);
    assertEquals(shown(files), shown(ContentCache.decodeOrEmpty(data)));
    assertEquals(Map.of(), ContentCache.decodeOrEmpty(Arrays.copyOf(data, data.length - 1)));
    assertEquals(Map.of(), ContentCache.decodeOrEmpty(Arrays.copyOf(data, data.length + 1)));
  }

  /** Entries as text: records compare their arrays by identity. */
  private static Map<String, String> shown(Map<String, ContentCache.Held> files) {
    return files.entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().contentId() + " " + shown(e.getValue().facts())));
  }

  private static String shown(TextFacts f) {
    return f.length() + " " + f.binary() + " " + f.triggers() + " " + (f.definitions() == null ? null : Arrays.toString(f.definitions()))
        + " " + f.macros();
  }

  private static String shown(SubtreePass.Summary s) {
    return s.total() + " " + s.plainFiles() + " " + s.plainBytes() + " " + s.links() + " " + s.subtrees() + " " + s.kept() + " "
        + s.files().stream().map(f -> f.path() + " " + f.blob().name() + " " + shown(f.facts())).toList();
  }

  @Test
  void subtreeEntriesReadBackAsWrittenAndAShortOrLongOneAsNone() {
    ObjectId blob = ObjectId.fromString("0123456789abcdef0123456789abcdef01234567");
    ObjectId tree = ObjectId.fromString("89abcdef0123456789abcdef0123456789abcdef");
    SubtreePass.Summary summary =
        new SubtreePass.Summary(
            40, 37, 123_456_789_012L,
            List.of(
                new SubtreePass.File("a.c", blob, new TextFacts(120, false, 3, new long[] {7L, -1L << 40}, null)),
                new SubtreePass.File(
                    "sub/été.h", tree, new TextFacts(7, false, 0, new long[0], List.of(new TableMacros.Definition("OPS", "O\0PS", "b", "B_OPS")))),
                new SubtreePass.File("blob.c", blob, new TextFacts(9, true, 0, null, null))),
            List.of(new GitTree.Source("links/in.h", blob, true)),
            List.of(new GitTree.Subtree("big", tree)),
            true);
    byte[] data = SubtreePass.encode(summary);
    assertEquals(shown(summary), shown(SubtreePass.decode(data)));
    assertNull(SubtreePass.decode(Arrays.copyOf(data, data.length - 1)));
    assertNull(SubtreePass.decode(Arrays.copyOf(data, data.length + 1)));
    assertNull(SubtreePass.decode(Arrays.copyOf(data, 10)));
  }

  /**
   * A tree with a subtree too large to be kept whole in its parents' entries (so the entries name
   * their large subtrees), a link to a source in the tree and one out of it: cold, warm, and after
   * a change, the same results as with no cache, and warm, every source from the cache.
   */
  @Test
  void subtreesLargeOrWithLinksGiveTheSameResultsAsNoCache() throws Exception {
    try (Git git = sampleRepository()) {
      commitBigTree(git);
      Repository repo = git.getRepository();

      ScanResult plain = scan(head(repo), ScanCache.NONE);
      assertTrue(plain.notifications().stream().anyMatch(n -> n.message().equals(GitTree.LINK_OUT) && n.file().equals("drivers/links/out.h")));
      ContentCache cold = cache();
      assertEquals(shown(plain), shown(scan(head(repo), cold)));
      assertEquals(0, cold.hits());
      ContentCache warm = cache();
      assertEquals(shown(plain), shown(scan(head(repo), warm)));
      assertTrue(warm.hits() >= BIG_SOURCES, "hits: " + warm.hits());

      commitBigChange(git);
      ContentCache next = cache();
      assertEquals(shown(scan(head(repo), ScanCache.NONE)), shown(scan(head(repo), next)));
      // The sources of drivers/big/a are read again, all else comes from the cache.
      int parses = next.hits() - BIG_SOURCES + (SubtreePass.PACKED / 2 + 1);
      assertTrue(parses >= 0 && parses <= SAMPLE_SOURCES, "hits: " + next.hits());
    }
  }

  /**
   * A later tree of the run (history's next revision), in a subtree that changed, reads only the
   * source that changed: the others of the subtree were read with the earlier tree.
   */
  @Test
  void aLaterTreeOfTheRunReadsOnlyTheSourcesThatChanged() throws Exception {
    try (Git git = sampleRepository()) {
      commitBigTree(git);
      Repository repo = git.getRepository();
      ContentCache run = cache();
      scan(head(repo), run);
      int before = run.hits();
      commitBigChange(git);
      assertEquals(shown(scan(head(repo), ScanCache.NONE)), shown(scan(head(repo), run)));
      // Every source but the changed one is a hit; what is left over are parses.
      int parses = run.hits() - before - (BIG_SOURCES - 1);
      assertTrue(parses >= 0 && parses <= SAMPLE_SOURCES, "hits: " + (run.hits() - before));
    }
  }

  /**
   * A tree of more subtrees than a run writes entry files for, so most entries go into a pack:
   * read back by the next run, and a damaged pack only costs the work again, never a result.
   */
  @Test
  void entriesInAPackReadBackAndADamagedPackIsWorkedOutAgain() throws Exception {
    try (Git git = sampleRepository()) {
      for (int i = 0; i < EntryStore.LOOSE + 20; i++) {
        Path f = work().resolve("drivers/many/d" + i + "/f.c");
        Files.createDirectories(f.getParent());
        Files.writeString(f, "int many_" + i + "(void)\n{\n\treturn 0;\n}\n");
      }
      git.add().addFilepattern(".").call();
      git.commit().setMessage("many").setSign(false).call();
      Repository repo = git.getRepository();
      ScanResult plain = scan(head(repo), ScanCache.NONE);

      EntryStore coldStore = EntryStore.open(dir.resolve("cache"), 1 << 30);
      assertEquals(shown(plain), shown(scan(head(repo), new ContentCache(coldStore, BUILD))));
      coldStore.trim();
      List<Path> packs;
      try (Stream<Path> files = Files.list(dir.resolve("cache/packs"))) {
        packs = files.filter(p -> p.toString().endsWith(Pack.SUFFIX)).toList();
      }
      assertEquals(1, packs.size());

      ContentCache warm = cache();
      assertEquals(shown(plain), shown(scan(head(repo), warm)));
      assertTrue(warm.hits() >= EntryStore.LOOSE + 20, "hits: " + warm.hits());

      byte[] data = Files.readAllBytes(packs.get(0));
      for (int at = 100; at < data.length - 100; at += 97) data[at] ^= 0x5a;
      Files.write(packs.get(0), data);
      ContentCache damaged = cache();
      assertEquals(shown(plain), shown(scan(head(repo), damaged)));
      assertTrue(damaged.hits() < warm.hits(), "hits: " + damaged.hits() + " of " + warm.hits());
    }
  }

  /** The sources of the sample with {@link #commitBigTree}'s. */
  private static final int BIG_SOURCES = SAMPLE_SOURCES + SubtreePass.PACKED + 1;

  /**
   * Commits a subtree too large to be kept whole in its parents' entries, a link to a source in
   * the tree and one out of it.
   */
  private void commitBigTree(Git git) throws Exception {
    for (int i = 0; i <= SubtreePass.PACKED; i++) {
      Path f = work().resolve("drivers/big/" + (i % 2 == 0 ? "a" : "b") + "/f" + i + ".c");
      Files.createDirectories(f.getParent());
      Files.writeString(f, i % 3 == 0 ? "int big_" + i + "(void)\n{\n\treturn 0;\n}\n" : "/* nothing */\n");
    }
    Path links = work().resolve("drivers/links");
    Files.createDirectories(links);
    Files.createSymbolicLink(links.resolve("in.h"), Path.of("../gpu/drm/toy/toy_drv.h"));
    Files.createSymbolicLink(links.resolve("out.h"), Path.of("../../../elsewhere.h"));
    git.add().addFilepattern(".").call();
    git.commit().setMessage("big").setSign(false).call();
  }

  /** Commits a change to one source of {@link #commitBigTree}'s large subtree. */
  private void commitBigChange(Git git) throws Exception {
    Files.writeString(work().resolve("drivers/big/a/f0.c"), "int big_changed(void)\n{\n\treturn 1;\n}\n");
    git.add().addFilepattern(".").call();
    git.commit().setMessage("change").setSign(false).call();
  }

  @Test
  void anotherBuildReadsNothingThisOneKept() throws Exception {
    try (Git git = sampleRepository()) {
      scan(head(git.getRepository()), cache());
      ContentCache other = new ContentCache(EntryStore.open(dir.resolve("cache"), 1 << 30), "another-build");
      scan(head(git.getRepository()), other);
      assertEquals(0, other.hits());
    }
  }

  private static final String FAULTING_EXPORTER =
      """
      #include <linux/dma-buf.h>
      #include <linux/mm.h>

      static vm_fault_t x_fault(struct vm_fault *vmf)
      {
      	return VM_FAULT_SIGBUS;
      }

      static const struct vm_operations_struct x_vm_ops = {
      	.fault = x_fault,
      };

      static int x_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
      {
      	vma->vm_ops = &x_vm_ops;
      	return 0;
      }

      static const struct dma_buf_ops x_ops = {
      	.mmap = x_mmap,
      };
      """;

  /**
   * A file's trigger bits stand for the words of the pass that worked them out: a scan whose rules
   * read other words in the drivers finds what they name in the driver, as without a cache, in a
   * git tree and in a directory alike.
   */
  @Test
  void factsKeptForOtherTriggerWordsAreNotTaken() throws Exception {
    Files.createDirectories(work().resolve("drivers/x"));
    Files.writeString(work().resolve("drivers/x/exp.c"), FAULTING_EXPORTER);
    Files.writeString(work().resolve("drivers/x/evict.c"), "void x_evict(void *o)\n{\n\tx_zap(o);\n}\n");
    // Another driver's call is not read: only the directory of the vm_ops the mmap installs is.
    Files.createDirectories(work().resolve("drivers/y"));
    Files.writeString(work().resolve("drivers/y/far.c"), "void y_evict(void *o)\n{\n\tx_zap(o);\n}\n");
    try (Git git = Git.init().setDirectory(work().toFile()).call()) {
      git.add().addFilepattern(".").call();
      git.commit().setMessage("x").setSign(false).call();
      for (SourceTree tree : List.of(head(git.getRepository()), new DirectoryTree(work()))) {
        assertTrue(scan(tree, cache(), new DriverCallsRule("other")).findings().isEmpty());
        ScanResult zaps = scan(tree, cache(), new DriverCallsRule("x_zap"));
        assertEquals(List.of("drivers/x/evict.c"), zaps.findings().stream().map(f -> f.location().file()).toList());
        assertEquals(shown(scan(tree, ScanCache.NONE, new DriverCallsRule("x_zap"))), shown(zaps));
      }
    }
  }

  /** A directory names no contents: its parses are kept by the blob id of the bytes read. */
  @Test
  void aDirectoryScanTakesTheParsesKeptForTheSameBytes() throws Exception {
    ScanResult plain = scan(new DirectoryTree(SAMPLE), ScanCache.NONE);
    ContentCache cold = cache();
    assertEquals(shown(plain), shown(scan(new DirectoryTree(SAMPLE), cold)));
    assertEquals(0, cold.hits());
    ContentCache warm = cache();
    assertEquals(shown(plain), shown(scan(new DirectoryTree(SAMPLE), warm)));
    assertEquals(plain.stats().filesParsed(), warm.hits());
    // The same bytes committed to git are the same blobs: a scan of the commit parses nothing.
    try (Git git = sampleRepository()) {
      ContentCache committed = cache();
      scan(head(git.getRepository()), committed);
      assertTrue(committed.hits() >= plain.stats().filesParsed(), "hits: " + committed.hits());
    }
  }

  @Test
  void aTreesFindingsAreKeptByTreeAndSettingsAndReadBackWhole() throws Exception {
    try (Git git = sampleRepository()) {
      List<Finding> findings = scan(head(git.getRepository()), ScanCache.NONE).findings();
      assertFalse(findings.isEmpty());
      cache().keepFindings(head(git.getRepository()), "settings", findings);

      ContentCache later = cache();
      assertEquals(findings, later.findings(head(git.getRepository()), "settings"));
      assertNull(later.findings(head(git.getRepository()), "other settings"));
      assertNull(later.findings(new CountingTree(head(git.getRepository())), "settings"), "a tree that is not a commit's has none");
      Finding.Related nowhere = new Finding.Related(null, "no place");
      Finding odd = new Finding("dmabuf/demo", Severity.NOTE, "m", Location.at("x.c", 1, 1), "f", List.of(nowhere), List.of());
      later.keepFindings(head(git.getRepository()), "odd", List.of(odd)); // not kept, and no failure
      assertNull(later.findings(head(git.getRepository()), "odd"));
      Path changed = work().resolve("drivers/dma-buf/heaps/toy_heap.c");
      Files.writeString(changed, Files.readString(changed) + "\n/* changed */\n");
      git.add().addFilepattern(".").call();
      git.commit().setMessage("change").setSign(false).call();
      assertNull(later.findings(head(git.getRepository()), "settings"), "another tree has none");
    }
  }

  @Test
  void findingsCutShortAnywhereAreAnErrorNotFindings() throws Exception {
    try (Git git = sampleRepository()) {
      List<Finding> findings = new ArrayList<>(scan(head(git.getRepository()), ScanCache.NONE).findings());
      Finding.Related step = new Finding.Related(new Location("drivers/a/caf\u00e9.c", 3, 1, 4, 9), "calls \u2192 wait");
      findings.add(
          new Finding("dmabuf/demo", Severity.ERROR, "m\u00e9ssage", Location.at("x.c", 1, 2), null, List.of(step), List.of(List.of(step, step), List.of())));
      byte[] bytes = FindingFormat.write(findings);
      assertEquals(findings, FindingFormat.read(ByteBuffer.wrap(bytes)));
      for (int length = 0; length < bytes.length; length++) {
        ByteBuffer cut = ByteBuffer.wrap(Arrays.copyOf(bytes, length));
        assertThrows(IOException.class, () -> FindingFormat.read(cut), "cut at " + length);
      }
    }
  }

  @Test
  void damagedEntriesAreWorkedOutAgainAndWrittenAnew() throws Exception {
    try (Git git = sampleRepository()) {
      ScanResult plain = scan(head(git.getRepository()), ScanCache.NONE);
      scan(head(git.getRepository()), cache());
      int n = 0;
      try (Stream<Path> files = Files.walk(dir.resolve("cache"))) {
        for (Path p : files.filter(Files::isRegularFile).toList()) {
          byte[] data = Files.readAllBytes(p);
          // Every other entry cut short, the rest altered past their header.
          if (n++ % 2 == 0) Files.write(p, java.util.Arrays.copyOf(data, data.length / 2));
          else {
            for (int i = 12; i < data.length; i += 7) data[i] ^= 0x5a;
            Files.write(p, data);
          }
        }
      }
      assertTrue(n >= 4, "entries: " + n);
      ContentCache damaged = cache();
      assertEquals(shown(plain), shown(scan(head(git.getRepository()), damaged)));
      assertEquals(0, damaged.hits());
      ContentCache rebuilt = cache();
      assertEquals(shown(plain), shown(scan(head(git.getRepository()), rebuilt)));
      assertTrue(rebuilt.hits() >= 9, "hits: " + rebuilt.hits());
    }
  }

  /**
   * A drm_driver table filled in by a header's macro: a parse depends on the macros the tree's
   * headers define, so a file whose own bytes did not change is parsed anew when a macro did.
   */
  @Test
  void aFileIsParsedAnewWhenATableMacroOfTheTreeChanged() throws Exception {
    Path macroCase = Path.of("../corpus/rules/dmabuf/pgoff-ignored/flagged_core_driver_ops_macro");
    for (Path from : List.of(Path.of("../corpus/include"), macroCase)) {
      Path into = from == macroCase ? work().resolve("drivers/core") : work().resolve("include");
      try (Stream<Path> files = Files.walk(from)) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          Path to = into.resolve(from.relativize(f).toString());
          Files.createDirectories(to.getParent());
          Files.copy(f, to);
        }
      }
    }
    Path prime = work().resolve("drivers/core/core_prime.c");
    Files.writeString(
        prime,
        Files.readString(prime)
                .replace("\treturn remap_pfn_range(", "\tvma->vm_ops = &core_vm_ops;\n\treturn remap_pfn_range(")
                .replace("struct core_gem_object {", "static const struct vm_operations_struct core_vm_ops = {};\n\nstruct core_gem_object {")
            + "\nint core_other_mmap(struct drm_gem_object *obj, struct vm_area_struct *vma)\n{\n\treturn 0;\n}\n");
    try (Git git = Git.init().setDirectory(work().toFile()).call()) {
      git.add().addFilepattern(".").call();
      git.commit().setMessage("macro").setSign(false).call();
      ContentCache cache = cache();
      ScanResult before = scan(head(git.getRepository()), cache);
      assertEquals(List.of("core_gem_prime_mmap"), before.findings().stream().map(f -> f.function()).toList());

      // The macro now puts another function in the table; the driver's own file is the same blob.
      Path header = work().resolve("drivers/core/core_gem.h");
      Files.writeString(header, Files.readString(header).replace("= core_gem_prime_mmap", "= core_other_mmap"));
      git.add().addFilepattern(".").call();
      git.commit().setMessage("another mmap").setSign(false).call();
      ScanResult after = scan(head(git.getRepository()), cache);
      assertEquals(shown(scan(head(git.getRepository()), ScanCache.NONE)), shown(after));
      assertEquals(List.of(), after.findings());
    }
  }

  @Test
  void aWorkTreeFileThatMatchesTheIndexIsNotReadAndAChangedOneIs() throws Exception {
    try (Git git = sampleRepository()) {
      Repository repo = git.getRepository();
      scan(new GitWorkTree(repo), cache()); // cold: the work tree's blobs are the commit's
      CountingTree warm = new CountingTree(new GitWorkTree(repo));
      ScanResult plain = scan(new GitWorkTree(repo), ScanCache.NONE);
      assertEquals(shown(plain), shown(scan(warm, cache())));
      assertEquals(findingFiles(plain), warm.reads());

      // A change git status sees (size and time): read from disk, and the result follows it.
      Path changed = work().resolve("drivers/dma-buf/toy_udmabuf.c");
      String text = Files.readString(changed);
      Files.writeString(changed, text.replace("vm_ops", "vm_ops /* changed */"));
      Files.setLastModifiedTime(changed, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
      ScanResult plainAfter = scan(new GitWorkTree(repo), ScanCache.NONE);
      CountingTree after = new CountingTree(new GitWorkTree(repo));
      assertEquals(shown(plainAfter), shown(scan(after, cache())));
      assertTrue(after.reads().contains("drivers/dma-buf/toy_udmabuf.c"), after.reads().toString());
      assertNotEquals(text, Files.readString(changed));
    }
  }
}
