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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ForkJoinPool;
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

  /**
   * Lists subdirectories in parallel and visits each file as a task of its own, so that a
   * directory of huge generated headers does not hold up the rest; all in the caller's fork-join
   * pool if it runs in one.
   */
  @Override
  public void walk(List<String> prefixes, Consumer<String> visitor) throws IOException {
    for (String prefix : prefixes) {
      Path start = prefix.isEmpty() ? root : root.resolve(prefix);
      if (Files.isRegularFile(start, LinkOption.NOFOLLOW_LINKS)) {
        if (SourceTree.isSource(start.getFileName().toString())) visitor.accept(relative(start));
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

  /** Lists one directory and forks a task for each source file and each subdirectory. */
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
      List<ForkJoinTask<?>> tasks = new ArrayList<>();
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
        for (Path entry : entries) {
          String name = entry.getFileName().toString();
          if (SourceTree.isSource(name)) {
            String path = prefix + name;
            tasks.add(ForkJoinTask.adapt(() -> visitor.accept(path)));
          } else if (!name.startsWith(".") && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
            // Only the names that are not sources need a stat to tell a directory.
            tasks.add(new Listing(entry, prefix + name, visitor));
          }
        }
      } catch (IOException e) {
        if (dir.equals(root)) throw new UncheckedIOException(e);
        return; // an unreadable subdirectory is left out, as find would
      }
      invokeAll(tasks);
    }
  }

  @Override
  public ByteBuffer read(String path) throws IOException {
    try (FileChannel channel = FileChannel.open(root.resolve(path), StandardOpenOption.READ)) {
      ByteBuffer buffer = buffers.get();
      buffer.clear();
      // A read that leaves room in the buffer has met the end of the file; one that fills it
      // may not have, so the buffer grows and reading goes on.
      while (channel.read(buffer) >= 0 && !buffer.hasRemaining()) {
        if (buffer.capacity() > Integer.MAX_VALUE / 2) throw new IOException("file too large");
        ByteBuffer bigger = ByteBuffer.allocate(buffer.capacity() * 2);
        buffer.flip();
        bigger.put(buffer);
        buffer = bigger;
        buffers.set(buffer);
      }
      buffer.flip();
      return buffer;
    }
  }

  private String relative(Path file) {
    return root.relativize(file).toString().replace(File.separatorChar, '/');
  }
}
