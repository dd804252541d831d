package org.mmapcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mmapcheck.cli.MmapCheckTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmapcheck.cli.MmapCheckTest.Run;

/** scan --rev and diff on small repositories built with JGit. */
class GitCommandsTest {

  private static final Path SAMPLE = Path.of("../corpus/sample");

  @TempDir Path dir;

  private Path work() {
    return dir.resolve("work");
  }

  /** A repository whose one commit holds corpus/sample. */
  private Git sampleRepository() throws Exception {
    try (Stream<Path> files = Files.walk(SAMPLE)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Path to = work().resolve(SAMPLE.relativize(f).toString());
        Files.createDirectories(to.getParent());
        Files.copy(f, to);
      }
    }
    Git git = Git.init().setDirectory(work().toFile()).setInitialBranch("main").call();
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
}
