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
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveAction;
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
 * Lists C sources as {@link DirectoryTree} does (dot directories not entered, symbolic links to
 * files followed inside the tree). Each walk task and each read takes its own {@link ObjectReader}
 * (they are not thread-safe, and cheap to make), so the tree is safe from many threads.
 */
public final class GitTree implements SourceTree {

  /** Links followed one after another before a read gives up, as the kernel's ELOOP does. */
  private static final int MAX_LINKS = 8;

  private final Repository repository;
  private final ObjectId tree;
  private final String description;
  /** Every entry met by a walk, so that a read needs no second walk from the root. */
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  private record Entry(ObjectId id, boolean link) {}

  /**
   * @param tree the id of a tree object (a commit's {@code getTree()})
   * @param description what reports call it, e.g. {@code repo.git@1a2b3c4}
   */
  public GitTree(Repository repository, ObjectId tree, String description) {
    this.repository = repository;
    this.tree = tree.copy();
    this.description = description;
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
   * be a wrong report.
   */
  @Override
  public void walk(List<String> prefixes, Consumer<String> visitor) throws IOException {
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
        Listing listing = new Listing(start, prefix, visitor);
        ParallelWalk.run(listing);
      } else if ((mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE) && SourceTree.isSource(prefix)) {
        // A link named as a path is left out, as DirectoryTree leaves it.
        entries.put(prefix, new Entry(start, false));
        try (ObjectReader reader = repository.newObjectReader()) {
          if (!reader.has(start)) throw new MissingObjectException(start, Constants.OBJ_BLOB);
        }
        visitor.accept(prefix);
      }
    }
  }

  private static boolean isFile(FileMode mode) {
    return mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE || mode == FileMode.SYMLINK;
  }

  /** Lists one tree and forks a task for each source file and each subtree. */
  private final class Listing extends RecursiveAction {
    private final ObjectId id;
    private final String prefix;
    private final Consumer<String> visitor;

    Listing(ObjectId id, String relativeDir, Consumer<String> visitor) {
      this.id = id;
      this.prefix = relativeDir.isEmpty() ? "" : relativeDir + "/";
      this.visitor = visitor;
    }

    @Override
    protected void compute() {
      List<ForkJoinTask<?>> tasks = new ArrayList<>();
      try (ObjectReader reader = repository.newObjectReader()) {
        for (CanonicalTreeParser p = new CanonicalTreeParser(null, reader, id); !p.eof(); p.next()) {
          String name = p.getEntryPathString();
          FileMode mode = p.getEntryFileMode();
          if (isFile(mode) && SourceTree.isSource(name)) {
            String path = prefix + name;
            ObjectId blob = p.getEntryObjectId();
            if (!reader.has(blob)) throw new MissingObjectException(blob, Constants.OBJ_BLOB);
            entries.put(path, new Entry(blob, mode == FileMode.SYMLINK));
            tasks.add(ForkJoinTask.adapt(() -> visitor.accept(path)));
          } else if (mode == FileMode.TREE && !name.startsWith(".")) {
            tasks.add(new Listing(p.getEntryObjectId(), prefix + name, visitor));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      invokeAll(tasks);
    }
  }

  /**
   * The blob's bytes. A blob the database lacks is an {@link UncheckedIOException}, not an
   * IOException: a scan goes on past a file it cannot read, but must not past a broken clone.
   */
  @Override
  public ByteBuffer read(String path) throws IOException {
    try (ObjectReader reader = repository.newObjectReader()) {
      String at = path;
      for (int links = 0; ; links++) {
        Entry entry = entry(reader, at);
        if (entry == null) throw new NoSuchFileException(path);
        byte[] bytes = reader.open(entry.id(), Constants.OBJ_BLOB).getCachedBytes(Integer.MAX_VALUE);
        if (!entry.link()) return ByteBuffer.wrap(bytes);
        if (links == MAX_LINKS) throw new IOException(path + ": too many levels of symbolic links");
        at = resolve(at, new String(bytes, StandardCharsets.UTF_8));
        if (at == null) throw new NoSuchFileException(path);
      }
    } catch (MissingObjectException e) {
      throw new UncheckedIOException(e);
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
