package org.mmapcheck.analyzer.cache;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveTask;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.mmapcheck.analyzer.engine.ScanCache;
import org.mmapcheck.analyzer.engine.TextFacts;
import org.mmapcheck.analyzer.source.GitTree;

/**
 * The text pass over a git tree, a subtree to an entry keyed by its tree id and path (what the
 * pass takes from a file depends on where it is). A subtree seen before costs one entry: no tree
 * object listed, no file read, and the definitions index's names come as hashes, not strings.
 * An entry holds the facts of every source of its subtree but those under the subtrees it names:
 * those of over {@link #PACKED} sources, which have entries of their own, so that a change costs
 * the entries on its path to the top and a tree seen before costs a few hundred entries, not one
 * per directory. Sources the index takes nothing from are only counted. Links to sources are kept
 * as links, and checked anew each time: where they lead is outside the subtree. A subtree with a
 * source that could not be read has no entry: it is listed and read each time.
 */
final class SubtreePass {

  /** Subtrees of at most this many sources are kept whole in the entries of their parents. */
  static final int PACKED = 512;

  private final EntryStore store;
  private final String build;
  private final GitTree tree;
  private final ScanCache.TextPass pass;
  private final Map<Source, TextFacts> read;
  private final AtomicInteger hits;

  /** A source by its path in the tree and its content: what its facts depend on. */
  record Source(String path, ObjectId blob) {}

  /** A source with its facts, by its path under the subtree. */
  record File(String path, ObjectId blob, TextFacts facts) {}

  /**
   * What an entry keeps of a subtree: how many sources it has in all; but under the subtrees it
   * names, the count and bytes of those the index takes nothing from, the facts of the others, and
   * the links to sources (by their paths under the subtree); and whether it is kept in an entry (a
   * parent takes in only those).
   */
  record Summary(
      int total, int plainFiles, long plainBytes, List<File> files, List<GitTree.Source> links, List<GitTree.Subtree> subtrees,
      boolean kept) {}

  /** @param read the facts of sources read before in the run; those read here are added */
  SubtreePass(
      EntryStore store, String build, GitTree tree, ScanCache.TextPass pass, Map<Source, TextFacts> read, AtomicInteger hits) {
    this.store = store;
    this.build = build;
    this.tree = tree;
    this.pass = pass;
    this.read = read;
    this.hits = hits;
  }

  /** Runs the pass over the prefixes, in the caller's fork-join pool. */
  void run(List<String> prefixes) throws IOException {
    for (String prefix : prefixes) {
      ObjectId id = tree.treeAt(prefix);
      if (id == null) {
        tree.walk(List.of(prefix), pass::read, pass::problem); // a file, or nothing
        continue;
      }
      try {
        new Walk(prefix, id).invoke();
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
    }
  }

  /** The pass over one subtree: from its entry, else listed, with its sources read and its subtrees walked. */
  private final class Walk extends RecursiveTask<Summary> {
    private final String dir;
    private final ObjectId id;

    Walk(String dir, ObjectId id) {
      this.dir = dir;
      this.id = id;
    }

    @Override
    protected Summary compute() {
      String key = build + "\0tree\0" + dir + "\0" + id.name();
      Summary kept = decode(store.get(key));
      if (kept != null) {
        for (File f : kept.files()) {
          String path = under(dir, f.path());
          know(path, new GitTree.Source(f.path(), f.blob(), false));
          pass.kept(path, f.facts());
        }
        for (GitTree.Source link : kept.links()) {
          String path = under(dir, link.name());
          if (!know(path, link)) pass.problem(path, GitTree.LINK_OUT);
        }
        pass.plain(kept.plainFiles(), kept.plainBytes());
        hits.addAndGet(kept.files().size() + kept.plainFiles());
        ForkJoinTask.invokeAll(kept.subtrees().stream().map(s -> new Walk(under(dir, s.name()), s.tree())).toList());
        return kept;
      }
      GitTree.Listed listed;
      try {
        listed = tree.list(id);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      boolean keep = true;
      List<Walk> walks = new ArrayList<>();
      for (GitTree.Subtree s : listed.subtrees()) walks.add(new Walk(under(dir, s.name()), s.tree()));
      List<Read> reads = new ArrayList<>();
      List<GitTree.Source> links = new ArrayList<>();
      for (GitTree.Source s : listed.sources()) {
        String path = under(dir, s.name());
        if (!know(path, s)) pass.problem(path, GitTree.LINK_OUT);
        if (s.link()) links.add(s);
        else reads.add(new Read(path, s));
      }
      List<ForkJoinTask<?>> all = new ArrayList<>(walks);
      all.addAll(reads);
      ForkJoinTask.invokeAll(all);

      int total = reads.size();
      int plainFiles = 0;
      long plainBytes = 0;
      List<File> files = new ArrayList<>();
      for (Read r : reads) {
        TextFacts facts = r.join();
        if (facts == null) keep = false;
        else if (facts.indexesNothing()) {
          plainFiles++;
          plainBytes += facts.length();
        } else files.add(new File(r.source.name(), r.source.blob(), facts));
      }
      List<GitTree.Subtree> subtrees = new ArrayList<>();
      for (int i = 0; i < walks.size(); i++) {
        Summary child = walks.get(i).join();
        GitTree.Subtree s = listed.subtrees().get(i);
        total += child.total();
        if (!child.kept() || !child.subtrees().isEmpty() || child.total() > PACKED) {
          subtrees.add(s);
          continue;
        }
        plainFiles += child.plainFiles();
        plainBytes += child.plainBytes();
        for (File f : child.files()) files.add(new File(s.name() + "/" + f.path(), f.blob(), f.facts()));
        for (GitTree.Source l : child.links()) links.add(new GitTree.Source(s.name() + "/" + l.name(), l.blob(), true));
      }
      Summary summary = new Summary(total, plainFiles, plainBytes, files, links, subtrees, keep);
      // A subtree with no source (Documentation/, most of tools/) needs no entry: its parents' hold
      // nothing of it, and listing it again when a parent changes costs less than a file per subtree.
      boolean empty = total == 0 && links.isEmpty() && subtrees.isEmpty();
      if (keep && !empty) {
        byte[] entry = encode(summary);
        if (entry != null) store.put(key, entry);
        else summary = new Summary(total, plainFiles, plainBytes, files, links, subtrees, false);
      }
      return summary;
    }
  }

  /** One source read and indexed by the pass, or taken from those read before; null when it cannot be read. */
  private final class Read extends RecursiveTask<TextFacts> {
    private final String path;
    private final GitTree.Source source;

    Read(String path, GitTree.Source source) {
      this.path = path;
      this.source = source;
    }

    @Override
    protected TextFacts compute() {
      Source key = new Source(path, source.blob());
      TextFacts facts = read.get(key);
      if (facts != null) {
        hits.incrementAndGet();
        pass.kept(path, facts);
        return facts;
      }
      facts = pass.read(path);
      if (facts != null) read.put(key, facts);
      return facts;
    }
  }

  private boolean know(String path, GitTree.Source source) {
    try {
      return tree.know(path, source);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String under(String dir, String name) {
    return dir.isEmpty() ? name : dir + "/" + name;
  }

  /** The entry's bytes; null when a name is too long for it (over 64 KiB), so it is not kept. */
  static byte[] encode(Summary s) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    byte[] raw = new byte[Constants.OBJECT_ID_LENGTH];
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(s.total());
      out.writeInt(s.plainFiles());
      out.writeLong(s.plainBytes());
      out.writeInt(s.files().size());
      for (File f : s.files()) {
        out.writeUTF(f.path());
        f.blob().copyRawTo(raw, 0);
        out.write(raw);
        EntryFormat.write(f.facts(), out);
      }
      out.writeInt(s.links().size());
      for (GitTree.Source l : s.links()) {
        out.writeUTF(l.name());
        l.blob().copyRawTo(raw, 0);
        out.write(raw);
      }
      out.writeInt(s.subtrees().size());
      for (GitTree.Subtree t : s.subtrees()) {
        out.writeUTF(t.name());
        t.tree().copyRawTo(raw, 0);
        out.write(raw);
      }
    } catch (IOException e) {
      return null;
    }
    return bytes.toByteArray();
  }

  /** The entry's summary, or null when there is none or it does not decode whole. */
  static Summary decode(byte[] data) {
    if (data == null) return null;
    try {
      EntryFormat.Fields in = new EntryFormat.Fields(data);
      int total = in.buffer().getInt();
      int plainFiles = in.buffer().getInt();
      long plainBytes = in.buffer().getLong();
      int n = in.count();
      List<File> files = new ArrayList<>(Math.max(n, 0));
      for (int i = 0; i < n; i++) files.add(new File(in.utf(), id(in), in.facts()));
      int l = in.count();
      List<GitTree.Source> links = new ArrayList<>(Math.max(l, 0));
      for (int i = 0; i < l; i++) links.add(new GitTree.Source(in.utf(), id(in), true));
      int m = in.count();
      List<GitTree.Subtree> subtrees = new ArrayList<>(Math.max(m, 0));
      for (int i = 0; i < m; i++) subtrees.add(new GitTree.Subtree(in.utf(), id(in)));
      if (in.buffer().hasRemaining() || total < 0 || plainFiles < 0 || plainBytes < 0) return null;
      return new Summary(total, plainFiles, plainBytes, files, links, subtrees, true);
    } catch (IOException | RuntimeException e) {
      return null; // short, or of another shape
    }
  }

  private static ObjectId id(EntryFormat.Fields in) {
    ObjectId id = ObjectId.fromRaw(in.buffer().array(), in.buffer().position());
    in.buffer().position(in.buffer().position() + Constants.OBJECT_ID_LENGTH);
    return id;
  }
}
