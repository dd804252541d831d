package org.mmapcheck.analyzer.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitTreeTest {

  @TempDir Path dir;

  private Path work() {
    return dir.resolve("work");
  }

  private void write(String path, String text) throws IOException {
    Path file = work().resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  /** A small tree committed in a fresh repository, then cloned bare. */
  private Repository bareClone() throws Exception {
    write("drivers/a/a.c", "int a;\n");
    write("drivers/a/a.h", "extern int a;\n");
    write("drivers/a/Makefile", "obj-y += a.o\n");
    write("drivers/b/.hidden/x.c", "int x;\n");
    write("drivers/b/.dot.c", "int dot;\n");
    write("include/linux/k.h", "int k;\n");
    Files.createSymbolicLink(work().resolve("drivers/b/link.h"), Path.of("../a/a.h"));
    Files.createSymbolicLink(work().resolve("drivers/b/outside.h"), Path.of("../../../elsewhere.h"));
    try (Git git = Git.init().setDirectory(work().toFile()).call()) {
      git.add().addFilepattern(".").call();
      git.commit().setMessage("one").setSign(false).call();
    }
    Git bare = Git.cloneRepository().setBare(true).setURI(work().toUri().toString()).setDirectory(dir.resolve("bare.git").toFile()).call();
    return bare.getRepository();
  }

  private static GitTree head(Repository repo) throws IOException {
    RevCommit commit = repo.parseCommit(repo.resolve("HEAD"));
    return new GitTree(repo, commit.getTree(), "bare@head");
  }

  private static String text(ByteBuffer b) {
    return new String(b.array(), 0, b.limit(), StandardCharsets.UTF_8);
  }

  @Test
  void listsSourcesOfACommitInABareRepositoryAsADirectoryScanWould() throws Exception {
    try (Repository repo = bareClone()) {
      GitTree tree = head(repo);
      List<String> expected =
          List.of("drivers/a/a.c", "drivers/a/a.h", "drivers/b/.dot.c", "include/linux/k.h");
      assertEquals(expected, tree.files(List.of("")));
      assertEquals(new DirectoryTree(work()).files(List.of("")), tree.files(List.of("")));
      assertEquals(List.of("drivers/a/a.c", "drivers/a/a.h"), tree.files(List.of("drivers/a")));
      assertEquals(List.of("drivers/a/a.c", "include/linux/k.h"), tree.files(List.of("drivers/a/a.c", "include")));
      assertEquals(List.of(), tree.files(List.of("drivers/a/Makefile", "no/such")));
    }
  }

  @Test
  void leavesLinksToTheirTargetsAndSaysWhichLeadNowhere() throws Exception {
    try (Repository repo = bareClone()) {
      Map<String, String> problems = new ConcurrentHashMap<>();
      Set<String> seen = ConcurrentHashMap.newKeySet();
      head(repo).walk(List.of("drivers/b", "drivers/b/link.h", "drivers/b/outside.h"), seen::add, problems::put);
      assertEquals(Set.of("drivers/b/.dot.c"), seen);
      assertEquals(Map.of("drivers/b/outside.h", "symbolic link out of the tree (or dangling); not read"), problems);
      Map<String, String> onDisk = new ConcurrentHashMap<>();
      new DirectoryTree(work()).walk(List.of("drivers/b"), path -> {}, onDisk::put);
      assertEquals(onDisk, problems);
    }
  }

  @Test
  void readsBlobsAndFollowsLinksInsideTheTree() throws Exception {
    try (Repository repo = bareClone()) {
      GitTree tree = head(repo);
      assertEquals("int a;\n", text(tree.read("drivers/a/a.c")));
      assertEquals("extern int a;\n", text(tree.read("drivers/b/link.h")));
      assertThrows(NoSuchFileException.class, () -> tree.read("drivers/b/outside.h"));
      assertThrows(NoSuchFileException.class, () -> tree.read("drivers/a/none.c"));
    }
  }

  @Test
  void walksInParallelFromAForkJoinPool() throws Exception {
    try (Repository repo = bareClone()) {
      GitTree tree = head(repo);
      Set<String> seen = ConcurrentHashMap.newKeySet();
      ForkJoinPool pool = new ForkJoinPool(4);
      try {
        pool.submit(
                () -> {
                  tree.walk(List.of(""), path -> {
                    try {
                      seen.add(path + "=" + text(tree.read(path)).length());
                    } catch (IOException e) {
                      seen.add(path + "=unreadable");
                    }
                  });
                  return null;
                })
            .get();
      } finally {
        pool.shutdown();
      }
      assertEquals(
          Set.of("drivers/a/a.c=7", "drivers/a/a.h=14", "drivers/b/.dot.c=9", "include/linux/k.h=7"),
          seen);
    }
  }

  @Test
  void aMissingBlobEndsTheWalkAndTheRead() throws Exception {
    RevCommit commit;
    ObjectId blob;
    try (Git git = Git.init().setDirectory(work().toFile()).call()) {
      write("drivers/a/a.c", "int a;\n");
      git.add().addFilepattern(".").call();
      commit = git.commit().setMessage("one").setSign(false).call();
      blob = git.getRepository().resolve(commit.name() + ":drivers/a/a.c");
    }
    String name = blob.name();
    Files.delete(work().resolve(".git/objects").resolve(name.substring(0, 2)).resolve(name.substring(2)));
    // Opened afresh: a repository remembers which loose objects it has seen.
    try (Git git = Git.open(work().toFile())) {
      GitTree tree = new GitTree(git.getRepository(), commit.getTree(), "work@head");
      assertThrows(MissingObjectException.class, () -> tree.files(List.of("")));
      UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> tree.read("drivers/a/a.c"));
      assertEquals(MissingObjectException.class, e.getCause().getClass());
    }
  }

  @Test
  void workTreeHasUncommittedChangesAndNewFilesButNotIgnoredOnes() throws Exception {
    try (Git git = Git.init().setDirectory(work().toFile()).call()) {
      write(".gitignore", "*.mod.c\n");
      write("drivers/a/a.c", "int a;\n");
      write("drivers/a/gone.c", "int gone;\n");
      git.add().addFilepattern(".").call();
      git.commit().setMessage("one").setSign(false).call();
      write("drivers/a/a.c", "int a2;\n");
      write("drivers/a/new.c", "int n;\n");
      write("drivers/a/a.mod.c", "int generated;\n");
      Files.delete(work().resolve("drivers/a/gone.c"));
      GitWorkTree tree = new GitWorkTree(git.getRepository());
      assertEquals(List.of("drivers/a/a.c", "drivers/a/new.c"), tree.files(List.of("")));
      assertEquals(List.of("drivers/a/new.c"), tree.files(List.of("drivers/a/new.c")));
      assertEquals("int a2;\n", text(tree.read("drivers/a/a.c")));
      Files.createSymbolicLink(work().resolve("drivers/a/out.c"), Path.of("/nonexistent/out.c"));
      Map<String, String> problems = new ConcurrentHashMap<>();
      Set<String> seen = ConcurrentHashMap.newKeySet();
      tree.walk(List.of(""), seen::add, problems::put);
      assertEquals(Set.of("drivers/a/a.c", "drivers/a/new.c"), seen);
      assertEquals(Map.of("drivers/a/out.c", "symbolic link out of the tree (or dangling); not read"), problems);
    }
  }

  @Test
  void linkTargetsResolveFromTheLinksDirectory() {
    assertEquals("a/c.h", GitTree.resolve("a/b/l.h", "../c.h"));
    assertEquals("a/b/c.h", GitTree.resolve("a/b/l.h", "./c.h"));
    assertEquals(null, GitTree.resolve("a/l.h", "../../c.h"));
    assertEquals(null, GitTree.resolve("a/l.h", "/usr/include/c.h"));
  }
}
