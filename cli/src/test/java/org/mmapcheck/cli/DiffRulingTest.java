package org.mmapcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mmapcheck.cli.MmapCheckTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.internal.storage.file.ObjectDirectory;
import org.eclipse.jgit.internal.storage.file.PackInserter;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmapcheck.cli.MmapCheckTest.Run;

/**
 * The ruling test for {@code diff}: a bare repository with two commits, the Debian 6.1 tree then
 * the Debian 6.12 tree, must report as new exactly the findings the 6.12 baseline has and the 6.1
 * one lacks, and as fixed exactly the reverse; a finding whose file moved (habanalabs, from
 * drivers/misc/ to drivers/accel/) is neither. Baselines are compared by function and rule,
 * counted (their paths move, their lines shift). Runs when {@code MMAPCHECK_KERNELS} holds both trees; skipped, loudly,
 * otherwise. The commits hold the trees' C sources and the files that mark a kernel top, all a
 * scan reads.
 */
class DiffRulingTest {

  private static final List<String> TREES = List.of("linux-source-6.1", "linux-source-6.12");

  @TempDir Path dir;

  @Test
  void diffOf61And612ReportsWhatTheBaselinesSay6_12AddedAndFixed() throws Exception {
    String kernels = System.getProperty("mmapcheck.kernels", System.getenv("MMAPCHECK_KERNELS"));
    if (kernels == null || TREES.stream().anyMatch(t -> !Files.isDirectory(Path.of(kernels, t)))) {
      String why = "SKIPPED diff ruling test: set MMAPCHECK_KERNELS to a directory holding " + String.join("/ and ", TREES) + "/";
      System.err.println(why);
      Assumptions.abort(why);
    }
    Path repo = dir.resolve("linux.git");
    try (Repository r = Git.init().setBare(true).setDirectory(repo.toFile()).call().getRepository()) {
      ObjectId parent = null;
      for (String tree : TREES) {
        parent = commit(r, Path.of(kernels, tree), parent, tree);
        RefUpdate tag = r.updateRef(Constants.R_TAGS + tree);
        tag.setNewObjectId(parent);
        tag.forceUpdate();
      }
    }
    Run diff =
        run("diff", "--repo", repo.toString(), "--base", TREES.get(0), "--head", TREES.get(1),
            "--show-fixed", "--format", "json", "--fail-on", "never", "--quiet");
    assertEquals(0, diff.exit(), diff.err());
    List<String> added = new ArrayList<>();
    List<String> fixed = new ArrayList<>();
    for (JsonNode f : new ObjectMapper().readTree(diff.out()).get("findings")) {
      String row = f.get("function").asText() + "\t" + f.get("rule").asText();
      (f.get("baselineState").asText().equals("new") ? added : fixed).add(row);
    }
    Collections.sort(added);
    Collections.sort(fixed);
    List<String> before = baseline(TREES.get(0));
    List<String> after = baseline(TREES.get(1));
    assertEquals(minus(after, before), added, "new in 6.12");
    assertEquals(minus(before, after), fixed, "fixed in 6.12");
  }

  /** The reviewed findings of a tree, as function and rule, sorted: one per finding. */
  private static List<String> baseline(String tree) throws IOException {
    return RulingBaselines.findings(tree).stream().map(c -> c[2] + "\t" + c[3]).sorted().toList();
  }

  /** What a has beyond b, counted: two findings of a rule in a function where b had one leave one. */
  private static List<String> minus(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    for (String row : b) out.remove(row);
    return out;
  }

  /** Commits the C sources of a directory, and the files marking a kernel top, as one snapshot. */
  private static ObjectId commit(Repository repo, Path root, ObjectId parent, String message) throws IOException {
    DirCache index = DirCache.newInCore();
    DirCacheBuilder builder = index.builder();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files =
          walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
              .filter(p -> isSource(p.getFileName().toString()) || p.getParent().equals(root))
              .toList();
    }
    // Straight into one pack, lightly compressed: some 60,000 loose objects a tree take minutes.
    try (PackInserter inserter = ((ObjectDirectory) repo.getObjectDatabase()).newPackInserter()) {
      inserter.setCompressionLevel(1);
      for (Path file : files) {
        DirCacheEntry entry = new DirCacheEntry(root.relativize(file).toString());
        entry.setFileMode(FileMode.REGULAR_FILE);
        try (InputStream in = Files.newInputStream(file)) {
          entry.setObjectId(inserter.insert(Constants.OBJ_BLOB, Files.size(file), in));
        }
        builder.add(entry);
      }
      builder.finish();
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(index.writeTree(inserter));
      if (parent != null) commit.setParentId(parent);
      PersonIdent who = new PersonIdent("ruling", "ruling@example.org");
      commit.setAuthor(who);
      commit.setCommitter(who);
      commit.setMessage(message);
      ObjectId id = inserter.insert(commit);
      inserter.flush();
      return id;
    }
  }

  private static boolean isSource(String name) {
    return name.endsWith(".c") || name.endsWith(".h");
  }
}
