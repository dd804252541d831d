package org.mmapcheck.analyzer.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountedCompleter;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.dircache.DirCacheIterator;
import org.eclipse.jgit.lib.CoreConfig.AutoCRLF;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.treewalk.FileTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.WorkingTreeIterator;
import org.eclipse.jgit.treewalk.WorkingTreeOptions;
import org.eclipse.jgit.treewalk.filter.PathFilterGroup;

/**
 * A repository's work tree as git sees it, uncommitted changes included: the files git tracks
 * (in the index) and the new ones it does not ignore, read from disk. Build output and other
 * ignored files are left out, so they never show up as what a change introduced.
 */
public final class GitWorkTree implements SourceTree {

  private final Repository repository;
  private final DirectoryTree disk;
  /** What the last walk found unchanged since the index: paths to blob ids, directories to names. */
  private final Map<String, String> blobs = new ConcurrentHashMap<>();
  private final Map<String, String> directories = new ConcurrentHashMap<>();

  /** @param repository a repository with a work tree */
  public GitWorkTree(Repository repository) {
    this.repository = repository;
    this.disk = new DirectoryTree(repository.getWorkTree().toPath());
  }

  @Override
  public String description() {
    return disk.description();
  }

  @Override
  public List<String> files(List<String> prefixes) throws IOException {
    return ParallelWalk.sorted(this, prefixes);
  }

  /**
   * Lists first (git's own walk is sequential), then checks and visits the files in parallel,
   * leaving out with a note what a directory walk leaves out: links out of the tree, FIFOs, ...
   */
  @Override
  public void walk(List<String> prefixes, Consumer<String> visitor, BiConsumer<String, String> problems)
      throws IOException {
    List<String> listed = listed(prefixes);
    CountedCompleter<Void> all =
        new CountedCompleter<>() {
          @Override
          public void compute() {
            for (String path : listed) {
              addToPendingCount(1);
              new ParallelWalk.Visit(this, () -> disk.visit(path, visitor, problems)).fork();
            }
            tryComplete();
          }
        };
    ParallelWalk.run(all);
  }

  /**
   * The sources git tracks or would add, with a file on disk. A tracked one whose stat data match
   * the index's (as git status decides, reading it only when the index entry is racily clean) is
   * named by its blob id in the index, so that a cache can answer for it unread; unless git
   * converts line ends on checkin (core.autocrlf), when the blob's bytes may not be the file's.
   */
  private List<String> listed(List<String> prefixes) throws IOException {
    List<String> out = new ArrayList<>();
    boolean sameBytes = repository.getConfig().get(WorkingTreeOptions.KEY).getAutoCRLF() == AutoCRLF.FALSE;
    Map<String, DirectoryId> byDirectory = new HashMap<>();
    try (TreeWalk walk = new TreeWalk(repository)) {
      walk.addTree(new DirCacheIterator(repository.readDirCache()));
      walk.addTree(new FileTreeIterator(repository));
      walk.setRecursive(true);
      if (!prefixes.contains("")) walk.setFilter(PathFilterGroup.createFromStrings(prefixes));
      while (walk.next()) {
        String path = walk.getPathString();
        WorkingTreeIterator onDisk = walk.getTree(1, WorkingTreeIterator.class);
        if (onDisk == null || !SourceTree.isSource(path) || inDotDirectory(path)) continue;
        if (onDisk.getEntryFileMode() == FileMode.GITLINK || onDisk.getEntryFileMode() == FileMode.TREE) continue;
        DirCacheIterator indexed = walk.getTree(0, DirCacheIterator.class);
        if (indexed == null && onDisk.isEntryIgnored()) continue;
        out.add(path);
        DirCacheEntry entry = indexed == null ? null : indexed.getDirCacheEntry();
        if (sameBytes && entry != null && entry.getStage() == DirCacheEntry.STAGE_0 && entry.getFileMode() != FileMode.SYMLINK
            && !onDisk.isModified(entry, false, walk.getObjectReader())) {
          ObjectId blob = entry.getObjectId();
          blobs.put(path, blob.name());
          byDirectory.computeIfAbsent(SourceTree.directoryOf(path), d -> new DirectoryId())
              .add(path.substring(path.lastIndexOf('/') + 1), blob);
        }
      }
    }
    byDirectory.forEach((dir, id) -> directories.put(dir, id.name()));
    return out;
  }

  /** DirectoryTree does not enter dot directories (.git, ...); a dot file it does read. */
  private static boolean inDotDirectory(String path) {
    int slash = path.lastIndexOf('/');
    return slash >= 0 && ("/" + path.substring(0, slash)).contains("/.");
  }

  @Override
  public ByteBuffer read(String path) throws IOException {
    return disk.read(path);
  }

  @Override
  public String contentId(String path) {
    return blobs.get(path);
  }

  @Override
  public String directoryId(String dir) {
    return directories.get(dir);
  }
}
