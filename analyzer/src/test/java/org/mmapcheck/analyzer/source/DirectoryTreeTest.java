package org.mmapcheck.analyzer.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryTreeTest {

  @TempDir Path root;

  private void write(String path, byte[] content) throws IOException {
    Path file = root.resolve(path);
    Files.createDirectories(file.getParent());
    Files.write(file, content);
  }

  @Test
  void listsCSourcesOnlyAndKeepsOutOfHiddenAndLinkedDirectories() throws IOException {
    write("drivers/gpu/a.c", new byte[0]);
    write("drivers/gpu/a.h", new byte[0]);
    write("drivers/gpu/Makefile", new byte[0]);
    write("drivers/gpu/notes.txt", new byte[0]);
    write("drivers/empty/sub/deep/b.c", new byte[0]);
    write(".git/objects/c.c", new byte[0]);
    Files.createSymbolicLink(root.resolve("linked"), root.resolve("drivers"));
    DirectoryTree tree = new DirectoryTree(root);
    assertEquals(
        List.of("drivers/empty/sub/deep/b.c", "drivers/gpu/a.c", "drivers/gpu/a.h"), tree.files(List.of("")));
    assertEquals(List.of("drivers/gpu/a.c", "drivers/gpu/a.h"), tree.files(List.of("drivers/gpu")));
    assertEquals(List.of("drivers/gpu/a.c"), tree.files(List.of("drivers/gpu/a.c", "drivers/gpu/Makefile")));
  }

  /** What a walk handed over: the files, sorted, and the problems by path. */
  private record Walk(List<String> files, List<String> problems) {}

  private Walk walk(DirectoryTree tree, String prefix) throws IOException {
    List<String> files = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    tree.walk(
        List.of(prefix),
        path -> {
          synchronized (files) {
            files.add(path);
          }
        },
        (path, why) -> {
          synchronized (problems) {
            problems.add(path + ": " + why);
          }
        });
    files.sort(null);
    problems.sort(null);
    return new Walk(files, problems);
  }

  /** Runs a shell command in the tree root: for what Java cannot make (FIFOs, odd names). */
  private void sh(String command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("sh", "-c", command).directory(root.toFile()).inheritIO().start();
    assertEquals(0, p.waitFor(), command);
  }

  @Test
  void aTreeGivenThroughALinkIsWalkedAndLinksInsideItAreNot() throws IOException {
    write("real/drivers/a.c", new byte[0]);
    write("outside/secret.c", new byte[0]);
    Path link = Files.createSymbolicLink(root.resolve("link"), root.resolve("real"));
    Files.createSymbolicLink(root.resolve("real/drivers/in.c"), root.resolve("real/drivers/a.c"));
    Files.createSymbolicLink(root.resolve("real/drivers/out.c"), root.resolve("outside/secret.c"));
    Files.createSymbolicLink(root.resolve("real/drivers/dangling.c"), root.resolve("nowhere.c"));
    Walk w = walk(new DirectoryTree(link), "");
    assertEquals(List.of("drivers/a.c"), w.files());
    assertEquals(
        List.of(
            "drivers/dangling.c: symbolic link out of the tree (or dangling); not read",
            "drivers/out.c: symbolic link out of the tree (or dangling); not read"),
        w.problems());
  }

  @Test
  void aFifoNamedLikeASourceIsLeftOutWithANoteNotWaitedOn() throws Exception {
    write("drivers/a.c", new byte[0]);
    sh("mkfifo drivers/pipe.c");
    Walk w = walk(new DirectoryTree(root), "");
    assertEquals(List.of("drivers/a.c"), w.files());
    assertEquals(List.of("drivers/pipe.c: not a regular file (a FIFO, socket or device); not read"), w.problems());
    assertEquals(w.problems(), walk(new DirectoryTree(root), "drivers/pipe.c").problems(), "given by name too");
  }

  @Test
  void aDirectoryNamedLikeASourceIsEntered() throws IOException {
    write("drivers/odd.c/inner.c", new byte[0]);
    Walk w = walk(new DirectoryTree(root), "");
    assertEquals(List.of("drivers/odd.c/inner.c"), w.files());
    assertEquals(List.of(), w.problems());
  }

  @Test
  void deepTreesTakeNoStack() throws Exception {
    // 2,000 levels: as deep as a path within PATH_MAX goes with one-letter names; a walk that
    // recursed per level overflowed its stack at 1,200 to 1,900.
    Path deep = Files.createDirectories(root.resolve("d/".repeat(2000 - root.toString().length() / 2)));
    Files.write(deep.resolve("x.c"), new byte[0]);
    try {
      Walk w = walk(new DirectoryTree(root), "");
      assertEquals(1, w.files().size());
      assertTrue(w.files().get(0).endsWith("d/d/x.c"));
    } finally {
      sh("rm -rf d"); // much faster than the temporary directory's own clean-up
    }
  }

  @Test
  void entriesThatCannotBeReadGetANoteEvenForRoot() throws Exception {
    // chmod 000 does not stop root, so the failure here is one no user escapes: a path longer
    // than PATH_MAX, made with relative steps. Its directory and its file can be listed by name
    // but never opened; both must be reported, not dropped.
    String deep = ("d".repeat(250) + "/").repeat(16 - root.toString().length() / 250);
    Files.createDirectories(root.resolve(deep));
    String longName = "n".repeat(200);
    try {
      sh("cd " + deep + " && mkdir " + longName + " && touch " + longName + ".c " + longName + "/x.c");
      Walk w = walk(new DirectoryTree(root), "");
      assertEquals(List.of(), w.files());
      assertTrue(w.problems().stream().allMatch(p -> p.startsWith(deep)));
      assertEquals(
          List.of(
              longName + ".c: cannot read: File name too long",
              longName + ": cannot tell whether it is a directory, left out: File name too long"),
          w.problems().stream().map(p -> p.substring(deep.length())).toList());
    } finally {
      sh("rm -rf " + deep.substring(0, deep.indexOf('/'))); // the temporary directory's clean-up stops at PATH_MAX
    }
  }

  @Test
  void aDirectoryThatCannotBeListedIsANoteAndTheRestIsWalked() throws IOException {
    write("drivers/a/a.c", new byte[0]);
    write("drivers/locked/b.c", new byte[0]);
    write("drivers/locked/inner/c.c", new byte[0]);
    Path locked = root.resolve("drivers/locked");
    // As chmod 000 would for any user but root: the listing is refused.
    DirectoryTree tree =
        new DirectoryTree(
            root,
            dir -> {
              if (dir.equals(locked)) throw new AccessDeniedException(dir.toString());
              return Files.newDirectoryStream(dir);
            });
    Walk w = walk(tree, "");
    assertEquals(List.of("drivers/a/a.c"), w.files());
    assertEquals(List.of("drivers/locked: directory cannot be listed, left out: AccessDeniedException"), w.problems());
    assertThrows(IOException.class, () -> walk(tree, "drivers/locked"), "a directory given that cannot be read is an error");
  }

  @Test
  void namesTheLocaleCannotSpellAreReadUnderAnApproximateNameWithANote() throws Exception {
    // Bytes that are not UTF-8 (nor ASCII): under any locale Java reads them as U+FFFD, and the
    // string no longer leads to the file. Two such names read the same; only one can be read.
    sh("mkdir drivers && printf 'one' > \"$(printf 'drivers/caf\\351.c')\" && printf 'two' > \"$(printf 'drivers/caf\\352.c')\"");
    DirectoryTree tree = new DirectoryTree(root);
    Walk w = walk(tree, "");
    assertEquals(List.of("drivers/caf\uFFFD.c"), w.files());
    String content = StandardCharsets.UTF_8.decode(tree.read(w.files().get(0))).toString();
    assertTrue(content.equals("one") || content.equals("two"), content);
    assertEquals(2, w.problems().size(), w.problems().toString());
    assertTrue(w.problems().get(0).startsWith("drivers/caf\uFFFD.c: another file's name reads the same in this locale"));
    assertTrue(w.problems().get(1).startsWith("drivers/caf\uFFFD.c: name cannot be spelled in this locale's file-name encoding"));
  }

  /** Around the first buffer, the chunk, and the largest buffer a thread keeps; then small files after large ones. */
  @Test
  void readsWholeFilesOfEverySizeAroundItsBuffer() throws IOException {
    DirectoryTree tree = new DirectoryTree(root);
    int[] sizes = {
      0, 1, 65_535, 65_536, 65_537, 262_143, 262_144, 262_145, 300_000, 600_000, 1_048_575, 1_048_576, 1_048_577, 3_000_001,
      100, 2_500_000, 70_000
    };
    for (int size : sizes) {
      byte[] content = new byte[size];
      Arrays.fill(content, (byte) ('a' + size % 26));
      if (size > 0) content[size - 1] = 'z';
      write("f" + size + ".c", content);
      ByteBuffer read = tree.read("f" + size + ".c");
      assertArrayEquals(content, Arrays.copyOfRange(read.array(), read.position(), read.limit()), "size " + size);
    }
  }
}
