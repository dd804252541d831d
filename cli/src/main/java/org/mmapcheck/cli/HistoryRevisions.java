package org.mmapcheck.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.errors.InvalidPatternException;
import org.eclipse.jgit.fnmatch.FileNameMatcher;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * The revisions a history scans, oldest first, each with the name the page gives it: those
 * {@code --revs} lists, or those picked from a range {@code A..B} (every Nth commit along the
 * first parents, or the tagged ones). A selection that is wrong or holds fewer than two revisions
 * is the user's error.
 */
final class HistoryRevisions {

  private HistoryRevisions() {}

  /** A revision to scan: its name on the page (as given, {@code B~k}, or a tag) and its commit. */
  record Revision(String name, RevCommit commit) {}

  /** A range {@code A..B} as git writes it: the commits reachable from B and not from A. */
  record Range(String from, String to) {

    /**
     * The range among the positional arguments, if one is there: an argument with ".." in it
     * that is no path (where ".." would be a whole step); null when there is none.
     */
    static Range find(List<String> args) {
      List<String> ranges = args.stream().filter(Range::isRange).toList();
      if (ranges.isEmpty()) return null;
      if (ranges.size() > 1) throw new MmapCheck.BadInputException("one range A..B at most, not " + String.join(" and ", ranges));
      return parse(ranges.get(0));
    }

    static boolean isRange(String arg) {
      return arg.contains("..") && !Arrays.asList(arg.split("/")).contains("..");
    }

    private static Range parse(String arg) {
      if (arg.contains("..."))
        throw new MmapCheck.BadInputException("not a range history reads: " + arg + " (give A..B, two dots)");
      int dots = arg.indexOf("..");
      String from = arg.substring(0, dots), to = arg.substring(dots + 2);
      if (from.isEmpty() || to.isEmpty()) throw new MmapCheck.BadInputException("a range needs both ends: " + arg + " (give A..B)");
      return new Range(from, to);
    }

    @Override
    public String toString() {
      return from + ".." + to;
    }
  }

  /** The revisions {@code --revs} names, in its order. */
  static List<Revision> listed(GitRepo git, List<String> revs) {
    List<Revision> out = new ArrayList<>();
    for (String rev : revs) out.add(new Revision(rev, git.commit(rev)));
    return atLeastTwo(out, "--revs names " + out.size() + " (oldest first)");
  }

  /**
   * Every Nth commit of A..B along B's first parents, as {@code git rev-list --first-parent A..B}
   * lists them, counted from A, which comes first; B comes last, whatever N.
   */
  static List<Revision> everyNth(GitRepo git, Range range, int n) {
    RevCommit from = git.commit(range.from()), to = git.commit(range.to());
    ancestor(git, from, to, range);
    List<RevCommit> line =
        GitRepo.guard(
            () -> {
              try (RevWalk walk = new RevWalk(git.repository)) {
                walk.setFirstParent(true);
                walk.markStart(walk.parseCommit(to));
                walk.markUninteresting(walk.parseCommit(from));
                List<RevCommit> newestFirst = new ArrayList<>();
                for (RevCommit c : walk) newestFirst.add(c);
                return newestFirst;
              }
            });
    Collections.reverse(line);
    line.add(0, from);
    List<Revision> out = new ArrayList<>();
    int last = line.size() - 1;
    for (int i = 0; i <= last; i++) {
      if (i % n != 0 && i != last) continue;
      String name = i == 0 ? range.from() : i == last ? range.to() : range.to() + "~" + (last - i);
      out.add(new Revision(name, line.get(i)));
    }
    return atLeastTwo(out, range + " with --every " + n + " selects " + out.size());
  }

  /**
   * The commits of A..B, and A, that a tag matching the glob names, oldest first (parents before
   * children, else by commit time), each under its tag's name (the first, by name, when several).
   */
  static List<Revision> tagged(GitRepo git, Range range, String glob) {
    FileNameMatcher matcher;
    try {
      matcher = new FileNameMatcher(glob, null);
    } catch (InvalidPatternException e) {
      throw new MmapCheck.BadInputException("--tags: not a glob: " + glob);
    }
    RevCommit from = git.commit(range.from()), to = git.commit(range.to());
    ancestor(git, from, to, range);
    List<Revision> out =
        GitRepo.guard(
            () -> {
              Map<ObjectId, String> tags = tags(git, matcher);
              List<Revision> found = new ArrayList<>();
              if (tags.containsKey(from)) found.add(new Revision(tags.get(from), from));
              try (RevWalk walk = new RevWalk(git.repository)) {
                walk.sort(RevSort.TOPO);
                walk.sort(RevSort.REVERSE, true);
                walk.markStart(walk.parseCommit(to));
                walk.markUninteresting(walk.parseCommit(from));
                for (RevCommit c : walk) if (tags.containsKey(c)) found.add(new Revision(tags.get(c), c));
              }
              return found;
            });
    return atLeastTwo(out, "--tags " + glob + " names " + out.size() + " commits in " + range);
  }

  /** Each commit a tag matching the glob names, with the first such tag's name. */
  private static Map<ObjectId, String> tags(GitRepo git, FileNameMatcher matcher) throws IOException {
    Map<ObjectId, String> out = new HashMap<>();
    List<Ref> refs = new ArrayList<>(git.repository.getRefDatabase().getRefsByPrefix(Constants.R_TAGS));
    refs.sort((a, b) -> a.getName().compareTo(b.getName()));
    try (RevWalk walk = new RevWalk(git.repository)) {
      for (Ref ref : refs) {
        String name = ref.getName().substring(Constants.R_TAGS.length());
        matcher.reset();
        matcher.append(name);
        if (!matcher.isMatch()) continue;
        RevObject target = walk.peel(walk.parseAny(ref.getObjectId()));
        if (target instanceof RevCommit c) out.putIfAbsent(c.copy(), name);
      }
    }
    return out;
  }

  /** A range whose start is not behind its end would stand for the whole history before the end. */
  private static void ancestor(GitRepo git, RevCommit from, RevCommit to, Range range) {
    boolean behind =
        GitRepo.guard(
            () -> {
              try (RevWalk walk = new RevWalk(git.repository)) {
                return walk.isMergedInto(walk.parseCommit(from), walk.parseCommit(to));
              }
            });
    if (!behind) throw new MmapCheck.BadInputException(range.from() + " is not an ancestor of " + range.to() + " in " + range);
  }

  private static List<Revision> atLeastTwo(List<Revision> revisions, String what) {
    if (revisions.size() < 2) throw new MmapCheck.BadInputException("history needs at least two revisions: " + what);
    return revisions;
  }
}
