package org.mmapcheck.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.patch.FileHeader;
import org.eclipse.jgit.patch.FormatError;
import org.eclipse.jgit.patch.Patch;
import org.eclipse.jgit.patch.PatchApplier;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Applies a patch to a tree in the object database, with no work tree: the tree it applied to
 * and the tree it made. When the patch does not apply to the given tree but its {@code index}
 * lines name blobs the repository has, it is applied to the given tree with those files as the
 * patch found them, as {@code git am -3} falls back to them: b4 checks each commit of a prepared
 * branch on its own, and the branch's HEAD already holds the patch.
 */
final class InMemoryApply {

  /** The trees before and after the patch. */
  record Applied(ObjectId before, ObjectId after) {}

  // JGit's Result.Error keeps the file and hunk to itself and prints them this way.
  private static final Pattern ERROR =
      Pattern.compile(
          "Error applying patch in (.*?)(?:, hunk HunkHeader\\[(\\d+),(\\d+)->(\\d+),(\\d+)\\])?: (.*)", Pattern.DOTALL);

  /**
   * Empty lines between the last hunk and the mail signature ("-- ") or the end: b4 leaves one
   * there, and JGit's applier reads it as one more context line, so the hunk no longer fits. It
   * may also be a context line whose blank a mailer stripped, so they are dropped only on a retry.
   */
  private static final Pattern TRAILING_EMPTY_LINES = Pattern.compile("(?:\\r?\\n)+(?=\\r?\\n(?:-- \\r?\\n|\\z))");

  private final Repository repository;
  private final ObjectInserter inserter;

  InMemoryApply(Repository repository, ObjectInserter inserter) {
    this.repository = repository;
    this.inserter = inserter;
  }

  Applied apply(PatchSeries.Patch patch, ObjectId tree) throws IOException {
    try {
      return apply(patch, patch.text(), tree);
    } catch (MmapCheck.BadInputException e) {
      // A mailer that strips trailing blanks leaves a last context line empty: try as given first.
      byte[] trimmed = withoutTrailingEmptyLines(patch.text());
      if (Arrays.equals(trimmed, patch.text())) throw e;
      try {
        return apply(patch, trimmed, tree);
      } catch (MmapCheck.BadInputException again) {
        throw e;
      }
    }
  }

  private Applied apply(PatchSeries.Patch patch, byte[] text, ObjectId tree) throws IOException {
    Patch parsed = new Patch();
    parsed.parse(text, 0, text.length);
    for (FormatError e : parsed.getErrors())
      if (e.getSeverity() == FormatError.Severity.ERROR)
        throw new MmapCheck.BadInputException("patch " + patch.name() + " is malformed: " + e.getMessage());
    Outcome result = applyTo(parsed, tree);
    if (result.errors().isEmpty()) return new Applied(tree, result.tree());
    ObjectId asFound = withPreimages(parsed.getFiles(), tree);
    if (asFound != null) {
      Outcome again = applyTo(parsed, asFound);
      if (again.errors().isEmpty()) return new Applied(asFound, again.tree());
    }
    throw new MmapCheck.BadInputException("patch " + patch.name() + " does not apply: " + describe(result.errors().get(0)));
  }

  private static byte[] withoutTrailingEmptyLines(byte[] text) {
    // ISO-8859-1 maps bytes to chars one to one, so the bytes come back as they were.
    String s = new String(text, StandardCharsets.ISO_8859_1);
    return TRAILING_EMPTY_LINES.matcher(s).replaceAll("").getBytes(StandardCharsets.ISO_8859_1);
  }

  /** What applying a patch gave: its errors, or the tree it made. */
  private record Outcome(List<PatchApplier.Result.Error> errors, ObjectId tree) {}

  /**
   * The patch applied by JGit to a tree of only the files it names (and the .gitattributes above
   * them, which steer how it applies), then those files set in the whole tree: JGit's applier
   * indexes every entry of the tree it is given, some 90,000 in a kernel, and writes every
   * directory back.
   */
  private Outcome applyTo(Patch parsed, ObjectId tree) throws IOException {
    Set<String> named = new TreeSet<>();
    for (FileHeader f : parsed.getFiles())
      for (String path : List.of(f.getOldPath(), f.getNewPath()))
        if (!path.equals(DiffEntry.DEV_NULL)) named.add(path);
    try (ObjectReader reader = repository.newObjectReader();
        RevWalk walk = new RevWalk(reader)) {
      Set<String> taken = new TreeSet<>(named);
      for (String path : named) taken.addAll(attributesAbove(path));
      DirCache files = DirCache.newInCore();
      DirCacheBuilder builder = files.builder();
      for (String path : taken) {
        DirCacheEntry e = entry(reader, tree, path);
        if (e != null) builder.add(e);
      }
      builder.finish();
      ObjectId small = files.writeTree(inserter);
      PatchApplier.Result result = new PatchApplier(repository, walk.parseTree(small), inserter).applyPatch(parsed);
      if (!result.getErrors().isEmpty()) return new Outcome(result.getErrors(), null);
      Map<String, DirCacheEntry> after = new HashMap<>();
      for (String path : named) after.put(path, entry(reader, result.getTreeId(), path));
      ObjectId whole = TreeEdit.set(reader, inserter, tree, after);
      inserter.flush();
      return new Outcome(List.of(), whole);
    }
  }

  /** The .gitattributes files that may apply to the path: the top's and each directory's above it. */
  private static List<String> attributesAbove(String path) {
    List<String> out = new ArrayList<>(List.of(Constants.DOT_GIT_ATTRIBUTES));
    for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1))
      out.add(path.substring(0, slash + 1) + Constants.DOT_GIT_ATTRIBUTES);
    return out;
  }

  /** The tree's file at the path, as an index entry; null when there is none. */
  private static DirCacheEntry entry(ObjectReader reader, ObjectId tree, String path) throws IOException {
    try (TreeWalk at = TreeWalk.forPath(reader, path, tree)) {
      if (at == null) return null;
      if (at.isSubtree())
        throw new MmapCheck.BadInputException("the patch names " + path + ", a directory in the tree it applies to");
      DirCacheEntry e = new DirCacheEntry(path);
      e.setFileMode(at.getFileMode(0));
      e.setObjectId(at.getObjectId(0));
      return e;
    }
  }

  /** "drivers/x.c @@ -10,6 +10,7 @@: Hunk cannot be applied" from JGit's error text; the file alone when no hunk is to blame. */
  private static String describe(PatchApplier.Result.Error error) {
    Matcher m = ERROR.matcher(error.toString());
    if (!m.matches()) return error.toString().replace('\n', ' ');
    if (m.group(2) == null) return m.group(1) + ": " + m.group(6).replace('\n', ' ');
    return "%s @@ -%s,%s +%s,%s @@: %s"
        .formatted(m.group(1), m.group(2), m.group(3), m.group(4), m.group(5), m.group(6).replace('\n', ' '));
  }

  /**
   * The tree with each file the patch changes replaced by the blob its index line names and each
   * file it adds taken out, or null when that leaves the tree as it was or the patch names no blob
   * the repository has.
   */
  private ObjectId withPreimages(Collection<? extends FileHeader> files, ObjectId tree) throws IOException {
    Map<String, DirCacheEntry> preimages = new HashMap<>(); // null: the file was not there
    try (ObjectReader reader = repository.newObjectReader()) {
      for (FileHeader f : files) {
        if (f.getChangeType() == DiffEntry.ChangeType.ADD) {
          preimages.put(f.getNewPath(), null);
          continue;
        }
        if (f.getOldId() == null) continue;
        Collection<ObjectId> ids = reader.resolve(f.getOldId());
        if (ids.size() != 1 || !reader.has(ids.iterator().next(), Constants.OBJ_BLOB)) continue;
        DirCacheEntry e = new DirCacheEntry(f.getOldPath());
        e.setFileMode(FileMode.REGULAR_FILE);
        e.setObjectId(ids.iterator().next());
        preimages.put(f.getOldPath(), e);
      }
      if (preimages.isEmpty()) return null;
      ObjectId result = TreeEdit.set(reader, inserter, tree, preimages);
      inserter.flush();
      return result.equals(tree) ? null : result;
    }
  }
}
