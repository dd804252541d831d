package org.mmapcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A patch applied in memory makes the very tree of the commit it was made from. */
class InMemoryApplyTest {

  @TempDir Path dir;

  private Git git;
  private RevCommit base;

  @BeforeEach
  void repository() throws Exception {
    git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
    // Names git orders with care: "a-b.c" < "a.c" < "a/" (a directory sorts as "a/").
    write("Makefile", "all:\n");
    write(".gitattributes", "*.c diff=cpp\n");
    write("drivers/a/x.c", lines("x", 40));
    write("drivers/a/y.c", lines("y", 40));
    write("drivers/a-b.c", "int ab;\n");
    write("drivers/a.c", "int a;\n");
    write("only/one.c", "int one;\n");
    write("scripts/run.sh", "echo run\n");
    base = commit("base");
  }

  @Test
  void aPatchThatEditsAddsDeletesRenamesAndChangesModesMakesTheCommitsTree() throws Exception {
    write("drivers/a/x.c", lines("x", 40).replace("x 20\n", "x 20, changed\n"));
    write("drivers/new/deep/z.c", "int z;\n");
    write("drivers/a0.c", "int a0;\n");
    Files.delete(dir.resolve("only/one.c"));
    Files.createDirectories(dir.resolve("drivers/b"));
    Files.move(dir.resolve("drivers/a/y.c"), dir.resolve("drivers/b/y.c"));
    Files.setPosixFilePermissions(dir.resolve("scripts/run.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
    git.rm().addFilepattern("only/one.c").addFilepattern("drivers/a/y.c").call();
    RevCommit next = commit("many changes");

    assertEquals(next.getTree().getId(), applied(patch(base, next)).after());
  }

  @Test
  void aPatchThatEmptiesADirectoryTakesItOut() throws Exception {
    Files.delete(dir.resolve("only/one.c"));
    git.rm().addFilepattern("only/one.c").call();
    RevCommit next = commit("drop only");

    assertEquals(next.getTree().getId(), applied(patch(base, next)).after());
  }

  @Test
  void aPatchThatAddsAFileUnderAFileIsBadInput() throws Exception {
    String patch =
        "Subject: [PATCH] test\n\n---\n"
            + "diff --git a/drivers/a.c/z.c b/drivers/a.c/z.c\nnew file mode 100644\n--- /dev/null\n+++ b/drivers/a.c/z.c\n@@ -0,0 +1 @@\n+int z;\n";
    MmapCheck.BadInputException e = assertThrows(MmapCheck.BadInputException.class, () -> applied(patch));
    assertTrue(e.getMessage().contains("drivers/a.c"), e.getMessage());
  }

  /** A file set where the tree has a directory, or under a file, is refused, not written as a tree with both. */
  @Test
  void aFileInPlaceOfADirectoryOrUnderAFileIsRefused() throws Exception {
    try (ObjectReader reader = git.getRepository().newObjectReader();
        ObjectInserter inserter = git.getRepository().newObjectInserter()) {
      DirCacheEntry file = new DirCacheEntry("drivers/a");
      file.setFileMode(FileMode.REGULAR_FILE);
      file.setObjectId(inserter.insert(Constants.OBJ_BLOB, "int a;\n".getBytes(StandardCharsets.UTF_8)));
      MmapCheck.BadInputException e =
          assertThrows(MmapCheck.BadInputException.class, () -> TreeEdit.set(reader, inserter, base.getTree(), Map.of("drivers/a", file)));
      assertTrue(e.getMessage().contains("drivers/a, a directory"), e.getMessage());
      DirCacheEntry under = new DirCacheEntry("drivers/a.c/x.c");
      under.setFileMode(FileMode.REGULAR_FILE);
      under.setObjectId(file.getObjectId());
      assertThrows(MmapCheck.BadInputException.class, () -> TreeEdit.set(reader, inserter, base.getTree(), Map.of("drivers/a.c/x.c", under)));
    }
  }

  private InMemoryApply.Applied applied(String patch) throws IOException {
    try (ObjectInserter inserter = git.getRepository().newObjectInserter()) {
      return new InMemoryApply(git.getRepository(), inserter)
          .apply(new PatchSeries.Patch("test.patch", "test", patch.getBytes(StandardCharsets.UTF_8)), base.getTree());
    }
  }

  private String patch(RevCommit from, RevCommit to) throws IOException {
    ByteArrayOutputStream diff = new ByteArrayOutputStream();
    try (DiffFormatter f = new DiffFormatter(diff)) {
      f.setRepository(git.getRepository());
      f.setDetectRenames(true);
      f.format(from.getTree(), to.getTree());
    }
    return "Subject: [PATCH] test\n\n---\n" + diff.toString(StandardCharsets.UTF_8);
  }

  private static String lines(String word, int n) {
    StringBuilder s = new StringBuilder();
    for (int i = 1; i <= n; i++) s.append(word).append(' ').append(i).append('\n');
    return s.toString();
  }

  private void write(String path, String text) throws IOException {
    Path p = dir.resolve(path);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  private RevCommit commit(String message) throws Exception {
    git.add().addFilepattern(".").call();
    return git.commit().setMessage(message).setAuthor("Toy Dev", "toy@example.org").setSign(false).call();
  }
}
