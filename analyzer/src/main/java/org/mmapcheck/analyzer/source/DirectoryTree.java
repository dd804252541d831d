package org.mmapcheck.analyzer.source;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveTask;

/**
 * A source tree that is a directory on disk. Hidden directories (.git, ...) are not entered and
 * symbolic links to directories are not followed.
 */
public final class DirectoryTree implements SourceTree {

  private final Path root;
  private final ThreadLocal<ByteBuffer> buffers = ThreadLocal.withInitial(() -> ByteBuffer.allocate(1 << 16));

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
      if (Files.isRegularFile(start, LinkOption.NOFOLLOW_LINKS)) {
        out.add(relative(start));
      } else if (Files.isDirectory(start, LinkOption.NOFOLLOW_LINKS)) {
        try {
          out.addAll(ForkJoinPool.commonPool().invoke(new Listing(start)));
        } catch (UncheckedIOException e) {
          throw e.getCause();
        }
      }
    }
    Collections.sort(out);
    return out;
  }

  /** Lists one directory, its subdirectories in parallel. */
  private final class Listing extends RecursiveTask<List<String>> {
    private final Path dir;

    Listing(Path dir) {
      this.dir = dir;
    }

    @Override
    protected List<String> compute() {
      List<String> files = new ArrayList<>();
      List<Listing> subdirs = new ArrayList<>();
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
        for (Path entry : entries) {
          String name = entry.getFileName().toString();
          // Sources are by far the most entries; only other names need a stat to tell a directory.
          if (name.endsWith(".c") || name.endsWith(".h")) {
            files.add(relative(entry));
            continue;
          }
          BasicFileAttributes attrs =
              Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
          if (attrs.isDirectory()) {
            if (!name.startsWith(".")) subdirs.add(new Listing(entry));
          } else if (attrs.isRegularFile()) {
            files.add(relative(entry));
          }
        }
      } catch (IOException e) {
        if (dir.equals(root)) throw new UncheckedIOException(e);
        return files; // an unreadable subdirectory is left out, as find would
      }
      invokeAll(subdirs);
      for (Listing sub : subdirs) files.addAll(sub.join());
      return files;
    }
  }

  @Override
  public ByteBuffer read(String path) throws IOException {
    try (FileChannel channel = FileChannel.open(root.resolve(path), StandardOpenOption.READ)) {
      long size = channel.size();
      if (size > Integer.MAX_VALUE - 16) throw new IOException("file too large: " + size + " bytes");
      ByteBuffer buffer = buffers.get();
      if (buffer.capacity() < size + 1) {
        buffer = ByteBuffer.allocate((int) Math.max(size + 1, buffer.capacity() * 2L));
        buffers.set(buffer);
      }
      buffer.clear();
      // Read to the end, not to the size seen at open: the file may have grown meanwhile.
      while (channel.read(buffer) >= 0) {
        if (!buffer.hasRemaining()) {
          ByteBuffer bigger = ByteBuffer.allocate(buffer.capacity() * 2);
          buffer.flip();
          bigger.put(buffer);
          buffer = bigger;
          buffers.set(buffer);
        }
      }
      buffer.flip();
      return buffer;
    }
  }

  private String relative(Path file) {
    return root.relativize(file).toString().replace(File.separatorChar, '/');
  }
}
