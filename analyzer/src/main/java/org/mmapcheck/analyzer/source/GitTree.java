package org.mmapcheck.analyzer.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountedCompleter;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The tree of a commit, read from the object database: no checkout, so a bare repository works.
 * Lists C sources as {@link DirectoryTree} does (dot directories not entered, links left to their
 * targets). Walk tasks and reads use one {@link ObjectReader} per thread (they are not
 * thread-safe), so the tree is safe from many threads.
 */
public final class GitTree implements SourceTree {

  /** Links followed one after another before a read gives up, as the kernel's ELOOP does. */
  private static final int MAX_LINKS = 8;

  /** Why a link to a source is not read. */
  public static final String LINK_OUT = "symbolic link out of the tree (or dangling); not read";

  private final Repository repository;
  private final ObjectId tree;
  private final String description;
  /** Every entry met by a walk, so that a read needs no second walk from the root. */
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  /** What a walk found in each directory, for {@link #directoryId}. */
  private final Map<String, String> directories = new ConcurrentHashMap<>();
  private final ThreadLocal<ObjectReader> readers;

  private record Entry(ObjectId id, boolean link) {}

  /**
   * @param tree the id of a tree object (a commit's {@code getTree()})
   * @param description what reports call it, e.g. {@code repo.git@1a2b3c4}
   */
  public GitTree(Repository repository, ObjectId tree, String description) {
    this.repository = repository;
    this.tree = tree.copy();
    this.description = description;
    this.readers = ThreadLocal.withInitial(repository::newObjectReader);
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public List<String> files(List<String> prefixes) throws IOException {
    return ParallelWalk.sorted(this, prefixes);
  }

  /**
   * Lists subtrees in parallel and visits each file as a task of its own, in the caller's
   * fork-join pool if it runs in one. A blob the object database lacks (a shallow or partial
   * clone) ends the walk with a {@link MissingObjectException}: a scan of part of a tree would
   * be a wrong report. Links are treated as {@link DirectoryTree} treats them: one to a file in
   * the tree is left to its target, read under its own path; one out of the tree, or dangling,
   * is left out with a note.
   */
  @Override
  public void walk(List<String> prefixes, Consumer<String> visitor, BiConsumer<String, String> problems)
      throws IOException {
    for (String prefix : prefixes) {
      ObjectId start = tree;
      FileMode mode = FileMode.TREE;
      if (!prefix.isEmpty()) {
        try (ObjectReader reader = repository.newObjectReader();
            TreeWalk at = TreeWalk.forPath(reader, prefix, tree)) {
          if (at == null) continue;
          start = at.getObjectId(0);
          mode = at.getFileMode(0);
        }
      }
      if (mode == FileMode.TREE) {
        ParallelWalk.run(new Listing(null, start, prefix, visitor, problems));
      } else if (SourceTree.isSource(prefix)) {
        try (ObjectReader reader = repository.newObjectReader()) {
          visitEntry(reader, prefix, start, mode, visitor, problems);
        }
      }
    }
  }

  /** Hands a source to the visitor if it is a file; a link, as the class comment says. */
  private void visitEntry(
      ObjectReader reader, String path, ObjectId blob, FileMode mode, Consumer<String> visitor, BiConsumer<String, String> problems)
      throws IOException {
    if (!isFile(mode)) return;
    if (!reader.has(blob)) throw new MissingObjectException(blob, Constants.OBJ_BLOB);
    entries.put(path, new Entry(blob, mode == FileMode.SYMLINK));
    if (mode != FileMode.SYMLINK) visitor.accept(path);
    else if (target(reader, path) == null) problems.accept(path, LINK_OUT);
  }

  private static boolean isFile(FileMode mode) {
    return mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE || mode == FileMode.SYMLINK;
  }

  /**
   * Lists one tree, forking a task for each source file and each subtree; it completes when they
   * all have, so no task waits and a deep tree takes no stack.
   */
  private final class Listing extends CountedCompleter<Void> {
    private final ObjectId id;
    private final String prefix;
    private final Consumer<String> visitor;
    private final BiConsumer<String, String> problems;

    Listing(CountedCompleter<?> parent, ObjectId id, String relativeDir, Consumer<String> visitor, BiConsumer<String, String> problems) {
      super(parent);
      this.id = id;
      this.prefix = relativeDir.isEmpty() ? "" : relativeDir + "/";
      this.visitor = visitor;
      this.problems = problems;
    }

    @Override
    public void compute() {
      Listed listed;
      try {
        listed = list(id);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      DirectoryId directory = new DirectoryId();
      for (Source s : listed.sources()) if (!s.link()) directory.add(s.name(), s.blob());
      for (Subtree t : listed.subtrees()) {
        addToPendingCount(1);
        new Listing(this, t.tree(), prefix + t.name(), visitor, problems).fork();
      }
      // Named before any of its files is visited: a visitor may ask for the name.
      directories.put(prefix.isEmpty() ? "" : prefix.substring(0, prefix.length() - 1), directory.name());
      for (Source s : listed.sources()) {
        addToPendingCount(1);
        new ParallelWalk.Visit(this, () -> visit(prefix + s.name(), s.blob(), s.link() ? FileMode.SYMLINK : FileMode.REGULAR_FILE)).fork();
      }
      tryComplete();
    }

    private void visit(String path, ObjectId blob, FileMode mode) {
      try {
        visitEntry(reader(), path, blob, mode, visitor, problems);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** A C source a tree object lists: a file, or a link to be followed. */
  public record Source(String name, ObjectId blob, boolean link) {}

  /** A directory a tree object lists, by its tree id. */
  public record Subtree(String name, ObjectId tree) {}

  /** What one tree object lists that a walk takes: its C sources, and its directories but dot ones. */
  public record Listed(List<Source> sources, List<Subtree> subtrees) {}

  /**
   * Reads one tree object with this thread's reader. A source blob the object database lacks is a
   * {@link MissingObjectException}, as in a walk.
   */
  public Listed list(ObjectId id) throws IOException {
    List<Source> sources = new ArrayList<>();
    List<Subtree> subtrees = new ArrayList<>();
    ObjectReader reader = reader();
    for (CanonicalTreeParser p = new CanonicalTreeParser(null, reader, id); !p.eof(); p.next()) {
      String name = p.getEntryPathString();
      FileMode mode = p.getEntryFileMode();
      if (isFile(mode) && SourceTree.isSource(name)) {
        ObjectId blob = p.getEntryObjectId();
        if (!reader.has(blob)) throw new MissingObjectException(blob, Constants.OBJ_BLOB);
        sources.add(new Source(name, blob, mode == FileMode.SYMLINK));
      } else if (mode == FileMode.TREE && !name.startsWith(".")) {
        subtrees.add(new Subtree(name, p.getEntryObjectId()));
      }
    }
    return new Listed(sources, subtrees);
  }

  /** The tree id of the directory at the path ("" for the top), or null when there is none. */
  public ObjectId treeAt(String path) throws IOException {
    if (path.isEmpty()) return tree;
    try (ObjectReader reader = repository.newObjectReader();
        TreeWalk at = TreeWalk.forPath(reader, path, tree)) {
      return at != null && at.getFileMode(0) == FileMode.TREE ? at.getObjectId(0) : null;
    }
  }

  /**
   * Takes note of a source a caller listed ({@link #list}) instead of a walk, so that reads and
   * {@link #contentId} know it; a link is checked as a walk checks it, and false when it leads out of
   * the tree (or nowhere).
   */
  public boolean know(String path, Source source) throws IOException {
    entries.put(path, new Entry(source.blob(), source.link()));
    return !source.link() || target(reader(), path) != null;
  }

  /**
   * The blob's bytes. A blob the database lacks is an {@link UncheckedIOException}, not an
   * IOException: a scan goes on past a file it cannot read, but must not past a broken clone.
   */
  @Override
  public ByteBuffer read(String path) throws IOException {
    try {
      ObjectReader reader = reader();
      Entry entry = target(reader, path);
      if (entry == null) throw new NoSuchFileException(path);
      return ByteBuffer.wrap(reader.open(entry.id(), Constants.OBJ_BLOB).getCachedBytes(Integer.MAX_VALUE));
    } catch (MissingObjectException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String contentId(String path) {
    Entry entry = entries.get(path);
    return entry == null || entry.link() ? null : entry.id().name();
  }

  /** The id of the git tree object this is. */
  public ObjectId id() {
    return tree;
  }

  @Override
  public String directoryId(String dir) {
    return directories.get(dir);
  }

  /**
   * This thread's reader. A reader keeps the delta bases it inflated, and blobs of one directory
   * are often deltas of one another, so a reader per thread inflates much less than one per read.
   * No use of it spans a fork-join wait, so no other task on the thread can meet it half-used.
   */
  private ObjectReader reader() {
    return readers.get();
  }

  /** Whether the path is a file, or a link that leads to one in the tree. */
  public boolean isFile(String path) throws IOException {
    try (ObjectReader reader = repository.newObjectReader()) {
      return target(reader, path) != null;
    }
  }

  /** The file at the path, links followed within the tree; null if there is none. */
  private Entry target(ObjectReader reader, String path) throws IOException {
    String at = path;
    for (int links = 0; ; links++) {
      Entry entry = entry(reader, at);
      if (entry == null || !entry.link()) return entry;
      if (links == MAX_LINKS) throw new IOException(path + ": too many levels of symbolic links");
      at = resolve(at, new String(reader.open(entry.id(), Constants.OBJ_BLOB).getCachedBytes(), StandardCharsets.UTF_8));
      if (at == null) return null;
    }
  }

  /** Whether the tree has anything (file, directory, link) at the path. */
  public boolean has(String path) throws IOException {
    try (ObjectReader reader = repository.newObjectReader();
        TreeWalk at = TreeWalk.forPath(reader, path, tree)) {
      return at != null;
    }
  }

  private Entry entry(ObjectReader reader, String path) throws IOException {
    Entry known = entries.get(path);
    if (known != null) return known;
    try (TreeWalk at = TreeWalk.forPath(reader, path, tree)) {
      if (at == null || !isFile(at.getFileMode(0))) return null;
      Entry found = new Entry(at.getObjectId(0), at.getFileMode(0) == FileMode.SYMLINK);
      entries.put(path, found);
      return found;
    }
  }

  /** A link's target as a path from the tree root, or null if it leaves the tree. */
  static String resolve(String link, String target) {
    if (target.startsWith("/")) return null;
    List<String> parts = new ArrayList<>(List.of(link.split("/")));
    parts.remove(parts.size() - 1);
    for (String part : target.split("/")) {
      if (part.isEmpty() || part.equals(".")) continue;
      if (part.equals("..")) {
        if (parts.isEmpty()) return null;
        parts.remove(parts.size() - 1);
      } else {
        parts.add(part);
      }
    }
    return String.join("/", parts);
  }
}
