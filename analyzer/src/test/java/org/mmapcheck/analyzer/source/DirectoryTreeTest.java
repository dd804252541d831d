package org.mmapcheck.analyzer.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
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

  @Test
  void readsWholeFilesOfEverySizeAroundItsBuffer() throws IOException {
    DirectoryTree tree = new DirectoryTree(root);
    for (int size : new int[] {0, 1, 65_535, 65_536, 65_537, 300_000}) {
      byte[] content = new byte[size];
      Arrays.fill(content, (byte) 'x');
      if (size > 0) content[size - 1] = 'z';
      write("f" + size + ".c", content);
      ByteBuffer read = tree.read("f" + size + ".c");
      assertArrayEquals(content, Arrays.copyOfRange(read.array(), read.position(), read.limit()), "size " + size);
    }
  }
}
