package org.mmapcheck.analyzer.source;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountedCompleter;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A source tree that is a directory on disk. Hidden directories (.git, ...) are not entered and
 * symbolic links are not followed: a linked source whose target is in the tree is read under
 * the target's own path, one that leads out of the tree is left out with a note. Only regular
 * files are read, so a FIFO or device named like a source cannot stall the scan.
 */
public final class DirectoryTree implements SourceTree {

  private final Path root;
  private final ThreadLocal<ByteBuffer> buffers = ThreadLocal.withInitial(() -> ByteBuffer.allocate(1 << 16));
  /**
   * The largest buffer a thread keeps. A larger file is read into a buffer of its own size, which
   * the collector takes back young; a kept buffer grew to the largest header (24 MB in 6.12) and
   * lived in the old generation, some 50 MiB of a whole-tree scan's peak RSS.
   */
  private static final int KEPT = 1 << 20;
  /**
   * Where files are read into before they are copied to {@link #buffers}. Read into the heap
   * buffer, the channel would go through a temporary direct buffer of the heap buffer's size,
   * which the JDK allocates anew, zeroed, whenever that outgrows the one it keeps for the thread.
   */
  private final ThreadLocal<ByteBuffer> chunks = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(1 << 18));

  /**
   * Files whose name the platform's file-name encoding (sun.jnu.encoding, from the locale)
   * cannot turn back into the bytes on disk, by the approximate path they are reported under:
   * only the path object the listing gave can open them.
   */
  private final Map<String, Path> inexactNames = new ConcurrentHashMap<>();

  /** Opens a directory's listing: {@link Files#newDirectoryStream}, or a test's failing one. */
  interface Lister {
    DirectoryStream<Path> list(Path dir) throws IOException;
  }

  private final Lister lister;

  /** The {@link #statId} of each source the last walk listed; null when this tree keeps none. */
  private final Map<String, String> statIds;

  /**
   * How long ago a file must have last changed for its stat data to name its content: a change
   * within the same tick of the file system's clock would leave them as they were.
   */
  private static final long SETTLED_MILLIS = 2000;

  private final long settleMillis;

  public DirectoryTree(Path root) {
    this(root, Files::newDirectoryStream, false, SETTLED_MILLIS);
  }

  /** A tree that names each source by its stat data as it walks, for a cache: see {@link #statId}. */
  public static DirectoryTree namingByStat(Path root) {
    return namingByStat(root, SETTLED_MILLIS);
  }

  /** For tests: files count as settled once they are this old (a negative age: at once). */
  static DirectoryTree namingByStat(Path root, long settleMillis) {
    return new DirectoryTree(root, Files::newDirectoryStream, true, settleMillis);
  }

  /** For tests: a listing that fails as no directory fails for root (chmod 000 does not). */
  DirectoryTree(Path root, Lister lister) {
    this(root, lister, false, SETTLED_MILLIS);
  }

  private DirectoryTree(Path root, Lister lister, boolean byStat, long settleMillis) {
    this.root = real(root.toAbsolutePath().normalize());
    this.lister = lister;
    this.statIds = byStat ? new ConcurrentHashMap<>(1 << 17) : null;
    this.settleMillis = settleMillis;
  }

  /** The root with its links resolved, so that a tree given through a link is walked. */
  private static Path real(Path root) {
    try {
      return root.toRealPath();
    } catch (IOException e) {
      return root; // walking it reports the problem
    }
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
    return ParallelWalk.sorted(this, prefixes);
  }

  /**
   * Lists subdirectories in parallel and visits each file as a task of its own, so that a
   * directory of huge generated headers does not hold up the rest; all in the caller's fork-join
   * pool if it runs in one. No task waits for the ones it forks, so a deep tree takes no stack.
   */
  @Override
  public void walk(List<String> prefixes, Consumer<String> visitor, BiConsumer<String, String> problems)
      throws IOException {
    for (String prefix : prefixes) {
      Path start = prefix.isEmpty() ? root : resolve(prefix);
      BasicFileAttributes attributes = Files.readAttributes(start, BasicFileAttributes.class, NOFOLLOW_LINKS);
      if (!attributes.isDirectory()) {
        if (SourceTree.isSource(prefix)) visitFile(start, prefix, attributes, visitor, problems);
        continue;
      }
      ParallelWalk.run(new Listing(null, start, prefix, true, visitor, problems));
    }
  }

  /**
   * Hands the source at this path to the visitor as a walk would: for a tree listed another way
   * (git's view of the work tree), which reads the same files from disk.
   */
  void visit(String path, Consumer<String> visitor, BiConsumer<String, String> problems) {
    try {
      Path file = resolve(path);
      visitFile(file, path, Files.readAttributes(file, BasicFileAttributes.class, NOFOLLOW_LINKS), visitor, problems);
    } catch (IOException e) {
      problems.accept(path, "cannot read: " + reason(e));
    }
  }

  /** Hands a source file to the visitor if it is a regular file; says why not otherwise. */
  private void visitFile(
      Path file, String path, BasicFileAttributes attributes, Consumer<String> visitor, BiConsumer<String, String> problems) {
    if (attributes.isRegularFile()) {
      if (statIds != null) nameByStat(file, path, attributes);
      visitor.accept(path);
    } else if (attributes.isSymbolicLink()) {
      // A link within the tree is left to its target, read under its own path; one out of the
      // tree, or dangling, is not read.
      if (!leadsIntoTree(file)) problems.accept(path, "symbolic link out of the tree (or dangling); not read");
    } else {
      problems.accept(path, "not a regular file (a FIFO, socket or device); not read");
    }
  }

  /**
   * Keeps the file's stat data as its name, as git status compares them (size, times, device and
   * inode), if the file settled before it was looked at.
   */
  private void nameByStat(Path file, String path, BasicFileAttributes attributes) {
    try {
      FileTime changed = (FileTime) Files.getAttribute(file, "unix:ctime", NOFOLLOW_LINKS);
      FileTime modified = attributes.lastModifiedTime();
      long settled = System.currentTimeMillis() - settleMillis;
      if (modified.toMillis() >= settled || changed.toMillis() >= settled || attributes.fileKey() == null) return;
      statIds.put(
          path,
          "stat:" + attributes.size() + ":" + modified.to(TimeUnit.NANOSECONDS) + ":" + changed.to(TimeUnit.NANOSECONDS)
              + ":" + attributes.fileKey());
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      // named by nothing: read, and not kept
    }
  }

  @Override
  public String statId(String path) {
    return statIds == null ? null : statIds.get(path);
  }

  @Override
  public String directoryId(String dir) {
    return statIds == null ? null : "disk:" + root + "/" + dir;
  }

  private boolean leadsIntoTree(Path link) {
    try {
      return link.toRealPath().startsWith(root);
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Lists one directory, forking a task for each source file and each subdirectory; it completes
   * when they all have.
   */
  private final class Listing extends CountedCompleter<Void> {
    private final Path dir;
    private final String prefix;
    private final boolean exactNames;
    private final Consumer<String> visitor;
    private final BiConsumer<String, String> problems;

    Listing(
        CountedCompleter<?> parent,
        Path dir,
        String relativeDir,
        boolean exactNames,
        Consumer<String> visitor,
        BiConsumer<String, String> problems) {
      super(parent);
      this.dir = dir;
      this.prefix = relativeDir.isEmpty() ? "" : relativeDir + "/";
      this.exactNames = exactNames;
      this.visitor = visitor;
      this.problems = problems;
    }

    @Override
    public void compute() {
      try (DirectoryStream<Path> entries = lister.list(dir)) {
        for (Path entry : entries) visit(entry);
      } catch (IOException | DirectoryIteratorException e) {
        if (getCompleter() == null && !(e instanceof DirectoryIteratorException))
          throw new UncheckedIOException((IOException) e); // the directory given cannot be read
        String path = prefix.isEmpty() ? "." : prefix.substring(0, prefix.length() - 1);
        problems.accept(path, "directory cannot be listed, left out: " + reason(e));
      }
      tryComplete();
    }

    private void visit(Path entry) {
      String name = entry.getFileName().toString();
      boolean source = SourceTree.isSource(name);
      if (!source && name.startsWith(".")) return;
      String path = prefix + name;
      boolean exact = exactNames && spelledExactly(entry, name);
      BasicFileAttributes attributes;
      try {
        attributes = Files.readAttributes(entry, BasicFileAttributes.class, NOFOLLOW_LINKS);
      } catch (IOException e) {
        if (source) problems.accept(path, "cannot read: " + reason(e));
        else problems.accept(path, "cannot tell whether it is a directory, left out: " + reason(e));
        return;
      }
      if (attributes.isDirectory()) {
        if (name.startsWith(".")) return;
        addToPendingCount(1);
        new Listing(this, entry, path, exact, visitor, problems).fork();
      } else if (source) {
        if (!exact && !keepInexact(path, entry)) return;
        addToPendingCount(1);
        new ParallelWalk.Visit(this, () -> visitFile(entry, path, attributes, visitor, problems)).fork();
      }
    }

    /** Records a file reported under an approximate name; false if that name is taken. */
    private boolean keepInexact(String path, Path entry) {
      Path before = inexactNames.putIfAbsent(path, entry);
      if (before != null && !before.equals(entry)) {
        problems.accept(path, "another file's name reads the same in this locale (" + ENCODING + "); not read");
        return false;
      }
      problems.accept(path, "name cannot be spelled in this locale's file-name encoding (" + ENCODING
          + "); read, and reported under this approximate name");
      return true;
    }
  }

  private static final String ENCODING = System.getProperty("sun.jnu.encoding", "unknown");

  /**
   * Whether the name, as a string, leads back to the same file: not so when the locale's
   * encoding could not decode its bytes (a UTF-8 name under LC_ALL=C, a Latin-1 name under UTF-8).
   */
  private static boolean spelledExactly(Path entry, String name) {
    boolean ascii = true;
    for (int i = 0; i < name.length() && ascii; i++) ascii = name.charAt(i) < 0x80;
    if (ascii) return true;
    try {
      return entry.getParent().resolve(name).equals(entry);
    } catch (InvalidPathException e) {
      return false;
    }
  }

  private static String reason(Exception e) {
    Throwable cause = e instanceof DirectoryIteratorException d ? d.getCause() : e;
    if (!(cause instanceof FileSystemException f)) return cause.toString();
    return f.getReason() != null ? f.getReason() : f.getClass().getSimpleName(); // AccessDeniedException, ...
  }

  private Path resolve(String path) throws IOException {
    Path inexact = inexactNames.get(path);
    if (inexact != null) return inexact;
    try {
      return root.resolve(path);
    } catch (InvalidPathException e) {
      throw new NoSuchFileException(path, null, "name cannot be spelled in this locale");
    }
  }

  @Override
  public ByteBuffer read(String path) throws IOException {
    try (FileChannel channel = FileChannel.open(resolve(path), StandardOpenOption.READ, NOFOLLOW_LINKS)) {
      ByteBuffer chunk = chunks.get();
      ByteBuffer buffer = buffers.get();
      buffer.clear();
      // A read that leaves room in the chunk has met the end of the file; one that fills it may
      // not have, so reading goes on, into a bigger buffer once this one is full.
      boolean full;
      do {
        chunk.clear();
        if (channel.read(chunk) < 0) break;
        full = !chunk.hasRemaining();
        chunk.flip();
        while (buffer.remaining() < chunk.remaining()) {
          if (buffer.capacity() > Integer.MAX_VALUE / 2) throw new IOException("file too large");
          // Room for the whole file, as it is now, when it outgrows what a thread keeps.
          long need = buffer.capacity() < KEPT ? 0 : channel.size() + 1;
          ByteBuffer bigger = ByteBuffer.allocate((int) Math.min(Integer.MAX_VALUE / 2, Math.max(need, 2L * buffer.capacity())));
          buffer.flip();
          bigger.put(buffer);
          buffer = bigger;
          if (buffer.capacity() <= KEPT) buffers.set(buffer);
        }
        buffer.put(chunk);
      } while (full);
      buffer.flip();
      return buffer;
    }
  }

}
