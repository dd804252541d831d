package org.mmapcheck.analyzer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingConsumer;
import org.junit.jupiter.api.io.TempDir;

/** Blame over a repository of three commits, read from a bare clone as history reads it. */
class GitBlameTest {

  @TempDir Path dir;

  private RevCommit second;
  private RevCommit third;

  /** A file whose second line the second commit changes; the third commit touches another file. */
  private Path repository() throws Exception {
    Path work = dir.resolve("work");
    Files.createDirectories(work.resolve("drivers"));
    try (Git git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
      Files.writeString(work.resolve("drivers/a.c"), "int a;\nint b;\nint c;\n");
      DatedCommits.commit(git, "add a.c\n\nbody", "2020-01-02T03:04:05Z");
      Files.writeString(work.resolve("drivers/a.c"), "int a;\nint b = 2;\nint c;\n");
      second = DatedCommits.commit(git, "a: <b> & c\n\nbody", "2021-06-30T23:30:00Z");
      Files.writeString(work.resolve("drivers/other.c"), "int d;\n");
      third = DatedCommits.commit(git, "add other.c\n\nbody", "2022-01-01T00:00:00Z");
    }
    Path bare = dir.resolve("bare.git");
    Git.cloneRepository().setURI(work.toUri().toString()).setDirectory(bare.toFile()).setBare(true).call().close();
    return bare;
  }


  private static Timeline.Commit at(RevCommit c) {
    return new Timeline.Commit("rev", c.name(), c.getShortMessage());
  }

  /** Runs the check with blame over the repository. */
  private static void withBlame(Path repository, ThrowingConsumer<GitBlame> check) throws Throwable {
    try (Git git = Git.open(repository.toFile());
        GitBlame blame = new GitBlame(git.getRepository())) {
      check.accept(blame);
    }
  }

  @Test
  void namesTheCommitThatLastTouchedTheLine() throws Throwable {
    withBlame(
        repository(),
        blame -> {
          Blame b = blame.of(at(third), "drivers/a.c", 2);
          assertEquals(new Blame(second.name(), "2021-07-01", "a: <b> & c", null), b);
          assertEquals(second.abbreviate(12).name(), b.shortId());
          // The lines around it are older.
          assertEquals("add a.c", blame.of(at(third), "drivers/a.c", 3).subject());
          assertEquals("add other.c", blame.of(at(third), "drivers/other.c", 1).subject());
        });
  }

  /** A report waits for blame no longer than its budget: a line not found by then is unknown, and says why. */
  @Test
  void aLineNotFoundWithinTheBudgetSaysSo() throws Throwable {
    Path repository = repository();
    try (Git git = Git.open(repository.toFile());
        GitBlame spent = new GitBlame(git.getRepository(), Duration.ZERO)) {
      Blame b = spent.of(at(third), "drivers/a.c", 2);
      assertNull(b.id());
      assertEquals("not looked up: blame had spent its time for this report (0 s)", b.unknown());
    }
  }

  @Test
  void saysWhenTheLineOrFileIsNotThere() throws Throwable {
    withBlame(
        repository(),
        blame -> {
          Blame noLine = blame.of(at(third), "drivers/a.c", 4);
          assertNull(noLine.id());
          assertEquals("line 4 is not in drivers/a.c at rev", noLine.unknown());
          assertEquals("drivers/gone.c is not in rev", blame.of(at(third), "drivers/gone.c", 1).unknown());
        });
  }

  @Test
  void aShallowCloneSaysWhereItsHistoryStops() throws Throwable {
    Path bare = repository();
    Path shallow = dir.resolve("shallow.git");
    Git.cloneRepository().setURI(bare.toUri().toString()).setDirectory(shallow.toFile()).setBare(true).setDepth(1).call().close();
    withBlame(
        shallow,
        blame -> {
          // Line 2 was last touched before the clone's one commit: the clone cannot say by which.
          Blame b = blame.of(at(third), "drivers/a.c", 2);
          assertNull(b.id(), b.toString());
          assertTrue(b.unknown().contains("a shallow clone"), b.unknown());
        });
  }
}
