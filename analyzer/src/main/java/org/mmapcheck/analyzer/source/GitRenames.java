package org.mmapcheck.analyzer.source;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.api.errors.CanceledException;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.RenameDetector;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.treewalk.AbstractTreeIterator;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.OrTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathSuffixFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * Where files went between two trees, as git's rename detection (JGit's {@link RenameDetector},
 * exact and by content similarity) sees it.
 */
public final class GitRenames {

  /**
   * C sources that differ: a subtree with the same id on both sides holds no addition or deletion,
   * and is not entered (a walk of every file of two kernel trees was most of a warm diff's cost here).
   */
  private static final TreeFilter CHANGED_SOURCES =
      AndTreeFilter.create(TreeFilter.ANY_DIFF, OrTreeFilter.create(PathSuffixFilter.create(".c"), PathSuffixFilter.create(".h")));

  private GitRenames() {}

  /**
   * The new path of each of the given base paths that the head renamed. Only those deletions are
   * matched against the head's added C sources, so a large diff costs only what the caller asks.
   *
   * @param head the head tree: a {@link CanonicalTreeParser} over a commit's tree, or a
   *     DirCacheIterator for what is staged in the work tree
   */
  public static Map<String, String> of(
      Repository repository, ObjectId baseTree, AbstractTreeIterator head, Set<String> basePaths)
      throws IOException {
    Map<String, String> moved = new HashMap<>();
    if (basePaths.isEmpty()) return moved;
    try (ObjectReader reader = repository.newObjectReader();
        TreeWalk walk = new TreeWalk(repository, reader)) {
      walk.addTree(new CanonicalTreeParser(null, reader, baseTree));
      walk.addTree(head);
      walk.setRecursive(true);
      walk.setFilter(CHANGED_SOURCES);
      List<DiffEntry> candidates = new ArrayList<>();
      int added = 0;
      for (DiffEntry e : DiffEntry.scan(walk)) {
        if (e.getChangeType() == DiffEntry.ChangeType.ADD) {
          candidates.add(e);
          added++;
        } else if (e.getChangeType() == DiffEntry.ChangeType.DELETE && basePaths.contains(e.getOldPath())) {
          candidates.add(e);
        }
      }
      if (added == candidates.size()) return moved; // none of the paths asked for went away
      RenameDetector detector = new RenameDetector(repository);
      // Few deletions are candidates, so content matching stays cheap however many files came in.
      detector.setRenameLimit(Math.max(added, candidates.size() - added) + 1);
      detector.addAll(candidates);
      for (DiffEntry e : detector.compute(reader, NullProgressMonitor.INSTANCE))
        if (e.getChangeType() == DiffEntry.ChangeType.RENAME) moved.put(e.getOldPath(), e.getNewPath());
    } catch (CanceledException e) {
      throw new IllegalStateException("rename detection cancelled with no one to cancel it", e);
    }
    return moved;
  }
}
