package org.mmapcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mmapcheck.cli.MmapCheckTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmapcheck.analyzer.engine.RuleDescriptor;
import org.mmapcheck.analyzer.testrules.ThrowingRule;
import org.mmapcheck.cli.MmapCheckTest.Run;

/** scan --rev and diff on small repositories built with JGit. */
class GitCommandsTest {

  private static final Path SAMPLE = Path.of("../corpus/sample");

  @TempDir Path dir;

  private Path work() {
    return dir.resolve("work");
  }

  /** A copy of corpus/sample at {@code tree}. */
  static Path copySample(Path tree) throws IOException {
    try (Stream<Path> files = Files.walk(SAMPLE)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Path to = tree.resolve(SAMPLE.relativize(f).toString());
        Files.createDirectories(to.getParent());
        Files.copy(f, to);
      }
    }
    return tree;
  }

  private Git sampleRepository() throws Exception {
    return sampleRepository(work());
  }

  /** A repository at {@code work} whose one commit holds corpus/sample. */
  static Git sampleRepository(Path work) throws Exception {
    copySample(work);
    Git git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call();
    git.add().addFilepattern(".").call();
    git.commit().setMessage("sample").setSign(false).call();
    return git;
  }

  private static JsonNode withoutProvenance(String sarif) throws IOException {
    JsonNode log = new ObjectMapper().readTree(sarif);
    ObjectNode run = (ObjectNode) log.get("runs").get(0);
    run.remove("originalUriBaseIds");
    run.remove("versionControlProvenance");
    run.remove("automationDetails");
    return log;
  }

  @Test
  void scanOfARevisionFindsWhatADirectoryScanFinds() throws Exception {
    try (Git git = sampleRepository()) {
      Run directory = run("scan", "--format", "text", "--fail-on", "never", work().toString());
      Run revision = run("scan", "--format", "text", "--fail-on", "never", "--repo", work().toString(), "--rev", "HEAD");
      assertEquals(0, revision.exit(), revision.err());
      assertTrue(directory.out().lines().count() >= 5, directory.out());
      assertEquals(directory.out(), revision.out());

      Run directorySarif = run("scan", "--fail-on", "never", work().toString());
      Run revisionSarif = run("scan", "--fail-on", "never", "--repo", work().toString(), "--rev", "main");
      assertEquals(withoutProvenance(directorySarif.out()), withoutProvenance(revisionSarif.out()));

      // The exit code follows --fail-on as a directory scan's does.
      assertEquals(
          run("scan", "--format", "text", "--fail-on", "note", work().toString()).exit(),
          run("scan", "--format", "text", "--fail-on", "note", "--repo", work().toString(), "--rev", "HEAD").exit());
    }
  }

  @Test
  void scanOfARevisionReadsTheCommitNotTheWorkTreeAndWorksBare() throws Exception {
    try (Git git = sampleRepository()) {
      String committed = run("scan", "--format", "text", "--fail-on", "never", work().toString()).out();
      Files.delete(work().resolve("drivers/misc/toy_cam.c"));
      assertNotEquals(committed, run("scan", "--format", "text", "--fail-on", "never", work().toString()).out());
      assertEquals(
          committed,
          run("scan", "--format", "text", "--fail-on", "never", "--repo", work().toString(), "--rev", "HEAD").out());

      Path bare = dir.resolve("bare.git");
      Git.cloneRepository().setBare(true).setURI(work().toUri().toString()).setDirectory(bare.toFile()).call().close();
      assertEquals(
          committed,
          run("scan", "--format", "text", "--fail-on", "never", "--repo", bare.toString(), "--rev", "main").out());
    }
  }

  @Test
  void pathsInARevisionNarrowTheScan() throws Exception {
    try (Git git = sampleRepository()) {
      Run all = run("scan", "--format", "text", "--fail-on", "never", "--repo", work().toString(), "--rev", "HEAD");
      Run misc =
          run("scan", "--format", "text", "--fail-on", "never", "--repo", work().toString(), "--rev", "HEAD", "drivers/misc");
      assertEquals(0, misc.exit(), misc.err());
      assertEquals(
          all.out().lines().filter(l -> l.startsWith("drivers/misc/")).toList(), misc.out().lines().toList());
      Run missing = run("scan", "--repo", work().toString(), "--rev", "HEAD", "drivers/none");
      assertEquals(2, missing.exit());
      assertTrue(missing.err().startsWith("mmapcheck: no such path in "), missing.err());
    }
  }

  @Test
  void sarifOfARevisionSaysWhereItCameFrom() throws Exception {
    try (Git git = sampleRepository()) {
      git.remoteAdd().setName("origin").setUri(new org.eclipse.jgit.transport.URIish("git@example.org:kernel/linux.git")).call();
      RevCommit head = git.log().call().iterator().next();
      Run r = run("scan", "--fail-on", "never", "--repo", work().toString(), "--rev", "main");
      JsonNode run = new ObjectMapper().readTree(r.out()).get("runs").get(0);
      JsonNode provenance = run.get("versionControlProvenance").get(0);
      assertEquals("ssh://git@example.org/kernel/linux.git", provenance.get("repositoryUri").asText());
      assertEquals(head.name(), provenance.get("revisionId").asText());
      assertEquals("main", provenance.get("branch").asText());
      assertEquals("mmapcheck/current/" + head.name(), run.get("automationDetails").get("id").asText());
    }
  }

  @Test
  void notARepositoryAndUnknownRevisionAreOneLineErrors() throws Exception {
    Files.createDirectories(dir.resolve("plain"));
    Run notRepo = run("scan", "--repo", dir.resolve("plain").toString(), "--rev", "HEAD");
    assertEquals(2, notRepo.exit());
    assertEquals("mmapcheck: not a git repository: " + dir.resolve("plain"), notRepo.err().strip());
    try (Git git = sampleRepository()) {
      Run unknown = run("scan", "--repo", work().toString(), "--rev", "no-such-branch");
      assertEquals(2, unknown.exit());
      assertEquals("mmapcheck: unknown revision: no-such-branch", unknown.err().strip());
      assertEquals("", unknown.out());
    }
  }

  @Test
  void aMissingObjectIsAOneLineErrorNotAPartialReport() throws Exception {
    String blob;
    try (Git git = sampleRepository()) {
      blob = git.getRepository().resolve("HEAD:drivers/misc/toy_cam.c").name();
    }
    Files.delete(work().resolve(".git/objects").resolve(blob.substring(0, 2)).resolve(blob.substring(2)));
    Run r = run("scan", "--repo", work().toString(), "--rev", "HEAD");
    assertEquals(2, r.exit(), r.err());
    assertEquals(
        "mmapcheck: object " + blob + " is missing from the repository (a shallow or partial clone?)", r.err().strip());
    assertEquals("", r.out());
  }

  static final String TOY =
      """
      static struct sg_table *toy_map(struct dma_buf_attachment *a, enum dma_data_direction d)
      {
      	return NULL;
      }

      static const struct dma_buf_ops toy_ops = {
      	.map_dma_buf = toy_map,
      };
      """;

  /** Commits the work tree as it is: files added, changed and deleted. */
  static void commit(Git git, String message) throws Exception {
    git.add().addFilepattern(".").call();
    git.add().addFilepattern(".").setUpdate(true).call();
    git.commit().setMessage(message).setSign(false).call();
  }

  /** Moves a file by hand and pushes another file's lines down: neither makes a finding new. */
  private void moveAndShift() throws IOException {
    Files.createDirectories(work().resolve("drivers/accel"));
    Files.move(work().resolve("drivers/misc/toy_cam.c"), work().resolve("drivers/accel/toy_cam.c"));
    Path gem = work().resolve("drivers/gpu/drm/toy/toy_gem.c");
    Files.writeString(gem, "/*\n * A longer header comment\n * than before.\n */\n" + Files.readString(gem).replace("\t", "        "));
  }

  @Test
  void diffReportsOnlyWhatTheChangeIntroducedAcrossMovesAndRenames() throws Exception {
    try (Git git = sampleRepository()) {
      moveAndShift();
      Files.writeString(work().resolve("drivers/misc/toy_new.c"), TOY);
      Files.delete(work().resolve("drivers/media/toy/toy_vb.c"));
      commit(git, "change");

      Run r = run("diff", "--format", "text", "--fail-on", "note", "--repo", work().toString(), "--base", "HEAD~1", "--head", "HEAD");
      assertEquals(1, r.exit(), r.err());
      assertEquals(
          "drivers/misc/toy_new.c:6:33: note: dma-buf exporter 'toy_ops' has no .mmap; mmap() of its dma-bufs fails with -EINVAL [dmabuf/mmap-missing]\n",
          r.out());
      assertEquals(0, run("diff", "--format", "text", "--repo", work().toString(), "--base", "HEAD~1", "--head", "HEAD").exit(),
          "a new note is below the default --fail-on error");

      Run fixed =
          run("diff", "--format", "text", "--show-fixed", "--repo", work().toString(), "--base", "HEAD~1", "--head", "HEAD");
      assertEquals(
          List.of(
              "drivers/misc/toy_new.c:6:33: note: dma-buf exporter 'toy_ops' has no .mmap; mmap() of its dma-bufs fails with -EINVAL [dmabuf/mmap-missing]",
              "fixed: drivers/media/toy/toy_vb.c:5:12: note: mmap callback 'toy_vb_dmabuf_mmap' of exporter 'toy_vb_dmabuf_ops' can only fail; leave .mmap unset instead, so the core reports it as unsupported [dmabuf/mmap-stub]"),
          fixed.out().lines().toList());

      Run none = run("diff", "--format", "text", "--fail-on", "note", "--repo", work().toString(), "--base", "HEAD", "--head", "HEAD");
      assertEquals(0, none.exit(), none.err());
      assertEquals("", none.out());
    }
  }

  @Test
  void diffAgainstTheWorkTreeSeesUncommittedChangesAndStagedRenames() throws Exception {
    try (Git git = sampleRepository()) {
      moveAndShift();
      git.add().addFilepattern("drivers/accel/toy_cam.c").call();
      git.rm().addFilepattern("drivers/misc/toy_cam.c").call();
      Files.writeString(work().resolve("drivers/misc/toy_new.c"), TOY);
      Run r = run("diff", "--format", "text", "--fail-on", "note", "--repo", work().toString(), "--base", "HEAD");
      assertEquals(1, r.exit(), r.err());
      assertEquals(
          List.of("drivers/misc/toy_new.c:6:33: note: dma-buf exporter 'toy_ops' has no .mmap; mmap() of its dma-bufs fails with -EINVAL [dmabuf/mmap-missing]"),
          r.out().lines().toList());
    }
  }

  @Test
  void diffSarifMarksNewAndAbsentResults() throws Exception {
    try (Git git = sampleRepository()) {
      Files.writeString(work().resolve("drivers/misc/toy_new.c"), TOY);
      Files.delete(work().resolve("drivers/media/toy/toy_vb.c"));
      commit(git, "change");
      RevCommit head = git.log().call().iterator().next();
      Run r = run("diff", "--show-fixed", "--repo", work().toString(), "--base", "HEAD~1", "--head", "main");
      assertEquals(0, r.exit(), r.err());
      JsonNode run = new ObjectMapper().readTree(r.out()).get("runs").get(0);
      JsonNode results = run.get("results");
      assertEquals(2, results.size(), r.out());
      assertEquals("new", results.get(0).get("baselineState").asText());
      assertEquals("dmabuf/mmap-missing", results.get(0).get("ruleId").asText());
      assertEquals("absent", results.get(1).get("baselineState").asText());
      assertEquals("dmabuf/mmap-stub", results.get(1).get("ruleId").asText());
      assertEquals(head.name(), run.get("versionControlProvenance").get(0).get("revisionId").asText());
      assertEquals("main", run.get("versionControlProvenance").get(0).get("branch").asText());
      assertTrue(run.get("automationDetails").get("id").asText().startsWith("mmapcheck-diff/current/"));
    }
  }

  @Test
  void mergeBaseLeavesOutWhatBasesBranchChangedAfterTheFork() throws Exception {
    try (Git git = sampleRepository()) {
      git.branchCreate().setName("topic").call();
      Files.delete(work().resolve("drivers/media/toy/toy_vb.c"));
      commit(git, "main: toy_vb goes, its mmap-stub finding with it");
      git.checkout().setName("topic").call();
      Files.writeString(work().resolve("drivers/misc/toy_new.c"), TOY);
      commit(git, "topic: an exporter without mmap");
      String newOne =
          "drivers/misc/toy_new.c:6:33: note: dma-buf exporter 'toy_ops' has no .mmap; mmap() of its dma-bufs fails with -EINVAL [dmabuf/mmap-missing]";

      Run direct = run("diff", "--format", "text", "--repo", work().toString(), "--base", "main", "--head", "topic");
      assertEquals(2, direct.out().lines().count(), "against main itself, topic still has toy_vb's finding: " + direct.out());
      Run forked = run("diff", "--format", "text", "--merge-base", "--repo", work().toString(), "--base", "main", "--head", "topic");
      assertEquals(0, forked.exit(), forked.err());
      assertEquals(List.of(newOne), forked.out().lines().toList());
      Run worktree = run("diff", "--format", "text", "--merge-base", "--repo", work().toString(), "--base", "main");
      assertEquals(List.of(newOne), worktree.out().lines().toList(), "head defaults to the work tree, forked at topic's HEAD");
    }
  }

  @Test
  void mergeBaseOfUnrelatedHistoriesIsOneLine() throws Exception {
    try (Git git = sampleRepository()) {
      git.checkout().setOrphan(true).setName("other").call();
      commit(git, "an unrelated root");
      Run r = run("diff", "--format", "text", "--merge-base", "--repo", work().toString(), "--base", "main", "--head", "other");
      assertEquals(2, r.exit(), r.out());
      assertTrue(r.err().strip().matches("mmapcheck: no merge base: [0-9a-f]{12} and [0-9a-f]{12} share no history"), r.err());
    }
  }

  @Test
  void diffBadInputIsOneLine() throws Exception {
    try (Git git = sampleRepository()) {
      Run unknown = run("diff", "--repo", work().toString(), "--base", "v9.9");
      assertEquals(2, unknown.exit());
      assertEquals("mmapcheck: unknown revision: v9.9", unknown.err().strip());
      Path bare = dir.resolve("bare.git");
      Git.cloneRepository().setBare(true).setURI(work().toUri().toString()).setDirectory(bare.toFile()).call().close();
      Run noWorkTree = run("diff", "--repo", bare.toString(), "--base", "HEAD");
      assertEquals(2, noWorkTree.exit());
      assertEquals("mmapcheck: a bare repository has no work tree: give --head", noWorkTree.err().strip());
      assertEquals(0, run("diff", "--repo", bare.toString(), "--base", "HEAD", "--head", "HEAD").exit());
    }
  }

  @Test
  void aRevisionBeyondAShallowClonesDepthIsAOneLineError() throws Exception {
    String first;
    try (Git git = sampleRepository()) {
      first = git.log().call().iterator().next().name();
      Files.writeString(work().resolve("drivers/misc/toy_new.c"), TOY);
      commit(git, "change");
    }
    Path shallow = dir.resolve("shallow");
    // file:// so that JGit fetches through a transport that honours the depth, as git would
    Git.cloneRepository().setURI("file://" + work().toAbsolutePath()).setDepth(1).setDirectory(shallow.toFile()).call().close();
    assertEquals(0, run("scan", "--fail-on", "never", "--repo", shallow.toString(), "--rev", "HEAD").exit());
    for (Run r :
        List.of(
            run("scan", "--repo", shallow.toString(), "--rev", "HEAD~1"),
            run("diff", "--repo", shallow.toString(), "--base", "HEAD~1", "--head", "HEAD"))) {
      assertEquals(2, r.exit(), r.err());
      assertEquals("mmapcheck: unknown revision: HEAD~1 (a shallow clone: it may lie beyond the clone's depth)", r.err().strip());
      assertEquals("", r.out());
    }
    Run byId = run("diff", "--repo", shallow.toString(), "--base", first, "--head", "HEAD");
    assertEquals(2, byId.exit(), byId.err());
    assertEquals("mmapcheck: object " + first + " is missing from the repository (a shallow or partial clone?)", byId.err().strip());
  }

  static final String MISSING =
      "drivers/misc/toy_new.c:6:33: note: dma-buf exporter 'toy_ops' has no .mmap; mmap() of its dma-bufs fails with -EINVAL [dmabuf/mmap-missing]";

  @Test
  void scanOfARevisionReadsTheConfigurationFileOfItsTree() throws Exception {
    try (Git git = sampleRepository()) {
      Files.writeString(work().resolve("drivers/misc/toy_new.c"), TOY);
      Files.writeString(work().resolve(ConfigFile.NAME), "[rules]\n\"dmabuf/mmap-missing\" = \"off\"\n");
      commit(git, "config");
      Files.delete(work().resolve(ConfigFile.NAME)); // the work tree's (absent) file does not count
      String[] scan = {"scan", "--format", "text", "--fail-on", "never", "--repo", work().toString(), "--rev", "HEAD"};
      Run r = run(scan);
      assertEquals(0, r.exit(), r.err());
      assertFalse(r.out().contains("dmabuf/mmap-missing"), r.out());
      assertTrue(run(scan(scan, "--no-config")).out().contains(MISSING), "--no-config reads no file");

      Files.writeString(work().resolve(ConfigFile.NAME), "profile = \"1999\"\n");
      commit(git, "bad config");
      Run bad = run(scan);
      assertEquals(2, bad.exit(), bad.err());
      assertTrue(bad.err().startsWith("mmapcheck: HEAD:.mmapcheck.toml: profile: "), bad.err());
      assertEquals(1, bad.err().strip().lines().count(), bad.err());
      Path other = dir.resolve("other.toml");
      Files.writeString(other, "[rules]\n\"dmabuf/mmap-missing\" = \"error\"\n");
      Run withOther =
          run("scan", "--format", "text", "--config", other.toString(), "--repo", work().toString(), "--rev", "HEAD");
      assertEquals(1, withOther.exit(), withOther.err());
      assertTrue(withOther.out().contains("toy_new.c:6:33: error: "), withOther.out());
    }
  }

  /** The arguments with more appended. */
  private static String[] scan(String[] args, String... more) {
    return Stream.concat(Stream.of(args), Stream.of(more)).toArray(String[]::new);
  }

  @Test
  void diffTakesHeadsConfigurationAndSuppressions() throws Exception {
    try (Git git = sampleRepository()) {
      Files.writeString(
          work().resolve("drivers/misc/toy_new.c"),
          TOY.replace("static const struct dma_buf_ops toy_ops", "/* mmapcheck-ignore dmabuf/mmap-missing: a test exporter */\nstatic const struct dma_buf_ops toy_ops"));
      commit(git, "suppressed");
      String[] diff = {"diff", "--format", "text", "--fail-on", "note", "--repo", work().toString(), "--base", "HEAD~1", "--head", "HEAD"};
      Run r = run(diff);
      assertEquals(0, r.exit(), r.err());
      assertEquals("", r.out());
      Run listed = run(scan(diff, "--include-suppressed"));
      assertEquals(0, listed.exit(), listed.err());
      assertTrue(listed.out().contains("(suppressed: a test exporter)"), listed.out());
      Run sarif = run("diff", "--repo", work().toString(), "--base", "HEAD~1", "--head", "HEAD");
      JsonNode results = new ObjectMapper().readTree(sarif.out()).get("runs").get(0).get("results");
      assertEquals(1, results.size(), sarif.out());
      assertEquals("a test exporter", results.get(0).get("suppressions").get(0).get("justification").asText());

      // A note raised to an error by head's file fails the diff at --fail-on error.
      Files.writeString(work().resolve("drivers/misc/toy_other.c"), TOY.replace("toy_", "other_"));
      Files.writeString(work().resolve(ConfigFile.NAME), "[rules]\n\"dmabuf/mmap-missing\" = \"error\"\n");
      commit(git, "config");
      Run raised = run("diff", "--format", "text", "--repo", work().toString(), "--base", "HEAD~1", "--head", "HEAD");
      assertEquals(1, raised.exit(), raised.err());
      assertTrue(raised.out().startsWith("drivers/misc/toy_other.c:6:33: error: "), raised.out());
      assertEquals(0, run("diff", "--format", "text", "--no-config", "--repo", work().toString(), "--base", "HEAD~1", "--head", "HEAD").exit());
    }
  }

  @Test
  void jsonHasStatsOnlyWithStatsAndAFailedRuleExitsThree() throws Exception {
    try (Git git = sampleRepository()) {
      for (String[] args :
          List.of(
              new String[] {"scan", "--format", "json", "--fail-on", "never", "--repo", work().toString(), "--rev", "HEAD"},
              new String[] {"diff", "--format", "json", "--fail-on", "never", "--repo", work().toString(), "--base", "HEAD", "--head", "HEAD"})) {
        assertFalse(new ObjectMapper().readTree(run(args).out()).has("stats"), args[0]);
        Run stats = run(scan(args, "--stats"));
        assertTrue(new ObjectMapper().readTree(stats.out()).has("stats"), args[0]);
        assertTrue(stats.err().contains("files parsed:"), stats.err());
        Run failed = MmapCheckTest.run(new ByteArrayOutputStream(), List.of(RuleDescriptor.of(new ThrowingRule())), args);
        assertEquals(3, failed.exit(), failed.err());
        assertTrue(failed.err().contains("mmapcheck: internal error: rules failed"), failed.err());
      }
    }
  }

  @Test
  void jobsOutOfRangeIsBadInputWithRevAndDiff() throws Exception {
    try (Git git = sampleRepository()) {
      for (Run r :
          List.of(
              run("scan", "--jobs", "0", "--repo", work().toString(), "--rev", "HEAD"),
              run("diff", "--jobs", "0", "--repo", work().toString(), "--base", "HEAD"))) {
        assertEquals(2, r.exit(), r.err());
        assertEquals("mmapcheck: --jobs must be between 1 and 256, not 0", r.err().strip());
      }
    }
  }
}
