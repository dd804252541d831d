package org.mmapcheck.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;

/**
 * A tree with some files set or taken out, written as git would write it: only the directories
 * on their paths are read and written again, every other one is kept by its id. A directory
 * left empty goes too.
 */
final class TreeEdit {

  private TreeEdit() {}

  /** One entry of a tree: its name's bytes, as the tree holds them, mode and id. */
  private record Item(byte[] name, FileMode mode, ObjectId id) {
    boolean isTree() {
      return mode == FileMode.TREE;
    }
  }

  /**
   * The tree with each path set to its entry's mode and id, or taken out where the entry is null.
   * A path through a file of the tree, or a file where the tree has a directory, is an error.
   */
  static ObjectId set(ObjectReader reader, ObjectInserter inserter, ObjectId tree, Map<String, DirCacheEntry> files)
      throws IOException {
    ObjectId edited = edit(reader, inserter, tree, files, "");
    return edited == null ? inserter.insert(new TreeFormatter()) : edited;
  }

  /** The directory with the changes below it made (paths relative to it); null when that empties it. */
  private static ObjectId edit(
      ObjectReader reader, ObjectInserter inserter, ObjectId tree, Map<String, DirCacheEntry> files, String at)
      throws IOException {
    Map<String, Map<String, DirCacheEntry>> below = new HashMap<>();
    Map<String, DirCacheEntry> here = new HashMap<>();
    files.forEach((path, entry) -> {
      int slash = path.indexOf('/');
      if (slash < 0) here.put(path, entry);
      else below.computeIfAbsent(path.substring(0, slash), k -> new HashMap<>()).put(path.substring(slash + 1), entry);
    });
    List<Item> items = new ArrayList<>();
    if (tree != null) {
      CanonicalTreeParser p = new CanonicalTreeParser(null, reader, tree);
      for (; !p.eof(); p.next()) {
        byte[] name = Arrays.copyOfRange(p.getEntryPathBuffer(), p.getNameOffset(), p.getEntryPathLength());
        items.add(new Item(name, p.getEntryFileMode(), p.getEntryObjectId()));
      }
    }
    for (Map.Entry<String, DirCacheEntry> f : here.entrySet()) {
      byte[] name = f.getKey().getBytes(StandardCharsets.UTF_8);
      if (f.getValue() != null && items.stream().anyMatch(i -> Arrays.equals(i.name(), name) && i.isTree()))
        throw new MmapCheck.BadInputException("the patch names " + at + f.getKey() + ", a directory in the tree it applies to");
      items.removeIf(i -> Arrays.equals(i.name(), name));
      if (f.getValue() != null) items.add(new Item(name, f.getValue().getFileMode(), f.getValue().getObjectId()));
    }
    for (Map.Entry<String, Map<String, DirCacheEntry>> d : below.entrySet()) {
      byte[] name = d.getKey().getBytes(StandardCharsets.UTF_8);
      Item old = items.stream().filter(i -> Arrays.equals(i.name(), name)).findFirst().orElse(null);
      if (old != null && !old.isTree())
        throw new MmapCheck.BadInputException("the patch names a file under " + at + d.getKey() + ", a file in the tree it applies to");
      items.remove(old);
      ObjectId edited = edit(reader, inserter, old == null ? null : old.id(), d.getValue(), at + d.getKey() + "/");
      if (edited != null) items.add(new Item(name, FileMode.TREE, edited));
    }
    if (items.isEmpty()) return null;
    items.sort(TreeEdit::gitOrder);
    TreeFormatter out = new TreeFormatter();
    for (Item i : items) out.append(i.name(), i.mode(), i.id());
    return inserter.insert(out);
  }

  /** Git's order of a tree's entries: by name's bytes, a directory's name read as ending in '/'. */
  private static int gitOrder(Item a, Item b) {
    int n = Math.min(a.name().length, b.name().length);
    for (int i = 0; i < n; i++) {
      int c = Integer.compare(a.name()[i] & 0xff, b.name()[i] & 0xff);
      if (c != 0) return c;
    }
    return Integer.compare(next(a, n), next(b, n));
  }

  /** The byte at i of the name as git compares it: '/' just past a directory's name, -1 past a file's. */
  private static int next(Item item, int i) {
    if (i < item.name().length) return item.name()[i] & 0xff;
    return item.isTree() ? '/' : -1;
  }
}
