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
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveAction;
import java.util.function.Consumer;

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
    Queue<String> out = new ConcurrentLinkedQueue<>();
    walk(prefixes, out::add);
    List<String> sorted = new ArrayList<>(out);
    Collections.sort(sorted);
    return sorted;
  }

  /** Lists subdirectories in parallel, in the caller's fork-join pool if it runs in one. */
  @Override
  public void walk(List<String> prefixes, Consumer<String> visitor) throws IOException {
    for (String prefix : prefixes) {
      Path start = prefix.isEmpty() ? root : root.resolve(prefix);
      if (Files.isRegularFile(start, LinkOption.NOFOLLOW_LINKS)) {
        visitor.accept(relative(start));
      } else if (Files.isDirectory(start, LinkOption.NOFOLLOW_LINKS)) {
        Listing listing = new Listing(start, relative(start), visitor);
        try {
          if (ForkJoinTask.inForkJoinPool()) listing.invoke();
          else ForkJoinPool.commonPool().invoke(listing);
        } catch (UncheckedIOException e) {
          throw e.getCause();
        }
      }
    }
  }

  /** Lists one directory, hands its files on, and its subdirectories to tasks of their own. */
  private final class Listing extends RecursiveAction {
    private final Path dir;
    private final String prefix;
    private final Consumer<String> visitor;

    Listing(Path dir, String relativeDir, Consumer<String> visitor) {
      this.dir = dir;
      this.prefix = relativeDir.isEmpty() ? "" : relativeDir + "/";
      this.visitor = visitor;
    }

    @Override
    protected void compute() {
      List<Listing> subdirs = new ArrayList<>();
      List<String> files = new ArrayList<>();
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
        for (Path entry : entries) {
          String name = entry.getFileName().toString();
          // Sources are by far the most entries; only other names need a stat to tell a directory.
          if (name.endsWith(".c") || name.endsWith(".h")) {
            files.add(prefix + name);
            continue;
          }
          BasicFileAttributes attrs =
              Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
          if (attrs.isDirectory()) {
            if (!name.startsWith(".")) subdirs.add(new Listing(entry, prefix + name, visitor));
          } else if (attrs.isRegularFile()) {
            files.add(prefix + name);
          }
        }
      } catch (IOException e) {
        if (dir.equals(root)) throw new UncheckedIOException(e);
        return; // an unreadable subdirectory is left out, as find would
      }
      for (Listing sub : subdirs) sub.fork();
      for (String f : files) visitor.accept(f);
      for (Listing sub : subdirs) sub.join();
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
