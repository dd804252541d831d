package org.mmapcheck.analyzer.source;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A source tree that is a directory on disk. Hidden directories (.git, ...) are not entered. */
public final class DirectoryTree implements SourceTree {

  private final Path root;

  public DirectoryTree(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  @Override
  public String description() {
    return root.toString();
  }

  @Override
  public List<String> files(List<String> prefixes) throws IOException {
    List<String> out = new ArrayList<>();
    for (String prefix : prefixes) {
      Path start = prefix.isEmpty() ? root : root.resolve(prefix);
      if (Files.isRegularFile(start)) {
        out.add(relative(start));
        continue;
      }
      Files.walkFileTree(
          start,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
              return !dir.equals(start) && name.startsWith(".")
                  ? FileVisitResult.SKIP_SUBTREE
                  : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              if (attrs.isRegularFile()) out.add(relative(file));
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              return FileVisitResult.CONTINUE;
            }
          });
    }
    Collections.sort(out);
    return out;
  }

  @Override
  public byte[] read(String path) throws IOException {
    return Files.readAllBytes(root.resolve(path));
  }

  private String relative(Path file) {
    return root.relativize(file).toString().replace(java.io.File.separatorChar, '/');
  }
}
