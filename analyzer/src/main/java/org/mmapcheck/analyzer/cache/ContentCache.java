package org.mmapcheck.analyzer.cache;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.mmapcheck.analyzer.engine.Finding;
import org.mmapcheck.analyzer.engine.ScanCache;
import org.mmapcheck.analyzer.engine.ScanOptions;
import org.mmapcheck.analyzer.engine.TextFacts;
import org.mmapcheck.analyzer.model.FileModel;
import org.mmapcheck.analyzer.source.GitTree;
import org.mmapcheck.analyzer.source.SourceTree;

/**
 * A {@link ScanCache} in an {@link EntryStore}, for trees that name their files' contents (git
 * commits, and a work tree's files that match git's index) or their stat data (a directory). A
 * commit's text facts are kept by subtree ({@link SubtreePass}); a work tree's or a directory's a
 * directory to an entry, keyed by the directory's name for its sources (or its place on disk), so
 * a scan of a tree it has seen reads one entry per directory and no file it saw unchanged; parses
 * are kept a file to an entry, keyed by blob id and path (the model holds the path); a commit's
 * findings an entry to its tree and settings. Every key holds the tool's build id: a rebuilt tool
 * never reads what an earlier build kept. An entry that does not decode is a miss, and is written
 * anew.
 */
public final class ContentCache implements ScanCache {

  private final EntryStore store;
  private final String build;
  /**
   * What this run knows per directory id and trigger words (as {@link #textKey}), file name to
   * facts: the directory's entry, read when the run first meets the directory, and what the run
   * worked out since. A later scan in the same run (diff's head, check-patch's next tree) finds it
   * here.
   */
  private final Map<String, Map<String, Held>> known = new ConcurrentHashMap<>();
  private final Set<String> changed = ConcurrentHashMap.newKeySet();
  /** Parses read or made this run, by key: a later scan in the run takes them as they are. */
  private final Map<String, Parsed> parses = new ConcurrentHashMap<>();
  /**
   * The table macros' stubs each parse key names, as a hash, by the stubs' identity: a scan passes
   * one string for all its files, and the stubs of a kernel tree's headers run to many kilobytes,
   * too long to hash or compare for every parse.
   */
  private final Map<String, String> macroIds = Collections.synchronizedMap(new IdentityHashMap<>());
  /**
   * The facts of each source a subtree pass read this run, by trigger words, then path and blob: a
   * later tree of the run (history's next revision) that changed the subtree but not the file
   * reads it no more.
   */
  private final Map<String, Map<SubtreePass.Source, TextFacts>> read = new ConcurrentHashMap<>();
  private final AtomicInteger hits = new AtomicInteger();

  /** A file's facts with the content they came from. */
  record Held(String contentId, TextFacts facts) {}

  /** @param build the tool's build id (see {@link org.mmapcheck.analyzer.Version#build}) */
  public ContentCache(EntryStore store, String build) {
    this.store = store;
    this.build = build;
  }

  /** How many files' facts or parses this cache answered for: a measure for tests. */
  public int hits() {
    return hits.get();
  }

  /** For a git commit's tree: a subtree to an entry (see {@link SubtreePass}). */
  @Override
  public boolean textPass(SourceTree tree, List<String> prefixes, String words, TextPass pass) throws IOException {
    if (!(tree instanceof GitTree git)) return false;
    new SubtreePass(store, build + "\0" + words, git, pass, read.computeIfAbsent(words, w -> new ConcurrentHashMap<>()), hits)
        .run(prefixes);
    return true;
  }

  @Override
  public TextFacts text(SourceTree tree, String path, String words) {
    String content = id(tree, path);
    String dir = tree.directoryId(SourceTree.directoryOf(path));
    if (content == null || dir == null) return null;
    Held held = known(textKey(dir, words)).get(name(path));
    if (held == null || !held.contentId().equals(content)) return null;
    hits.incrementAndGet();
    return held.facts();
  }

  @Override
  public void keepText(SourceTree tree, String path, String words, TextFacts facts) {
    String content = id(tree, path);
    String dir = tree.directoryId(SourceTree.directoryOf(path));
    if (content == null || dir == null) return;
    String key = textKey(dir, words);
    known(key).put(name(path), new Held(content, facts));
    changed.add(key);
  }

  /** The file's content id, else its stat id: text facts follow from either. */
  private static String id(SourceTree tree, String path) {
    String content = tree.contentId(path);
    return content != null ? content : tree.statId(path);
  }

  /** Writes each directory's entry that this run added to, with all it knows of the directory. */
  @Override
  public void flush() {
    List<String> keys = new ArrayList<>(changed);
    changed.removeAll(keys);
    keys.parallelStream().forEach(key -> {
      byte[] entry = encode(known.get(key));
      if (entry != null) store.put(key, entry);
    });
  }

  @Override
  public Parsed parsed(String content, String path, ScanOptions options, String macros) {
    String key = parseKey(content, path, options, macros);
    Parsed known = parses.get(key);
    if (known != null) {
      hits.incrementAndGet();
      return known;
    }
    byte[] data = store.get(key);
    if (data == null || data.length == 0) return null;
    try {
      FileModel model = ModelFormat.read(ByteBuffer.wrap(data, 1, data.length - 1));
      if (!path.equals(model.path())) return null;
      Parsed read = new Parsed(model, data[0] != 0);
      parses.put(key, read);
      hits.incrementAndGet();
      return read;
    } catch (IOException e) {
      return null; // damaged: parsed anew
    }
  }

  @Override
  public void keepParsed(String content, String path, ScanOptions options, String macros, Parsed parsed) {
    String key = parseKey(content, path, options, macros);
    parses.put(key, parsed);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      bytes.write(parsed.latin1() ? 1 : 0);
      bytes.write(ModelFormat.write(parsed.model()));
    } catch (IOException | RuntimeException e) {
      return; // a model part that cannot be written (a null the format has no room for): parsed again next time
    }
    store.put(key, bytes.toByteArray());
  }

  @Override
  public List<Finding> findings(SourceTree tree, String settings) {
    if (!(tree instanceof GitTree git)) return null;
    byte[] data = store.get(findingsKey(git, settings));
    if (data == null) return null;
    try {
      return FindingFormat.read(ByteBuffer.wrap(data));
    } catch (IOException e) {
      return null; // damaged: scanned anew
    }
  }

  @Override
  public void keepFindings(SourceTree tree, String settings, List<Finding> findings) {
    if (!(tree instanceof GitTree git)) return;
    try {
      store.put(findingsKey(git, settings), FindingFormat.write(findings));
    } catch (IOException | RuntimeException e) {
      // not kept (a null the format has no room for): scanned again next time
    }
  }

  private String findingsKey(GitTree tree, String settings) {
    return build + "\0findings\0" + tree.id().name() + "\0" + settings;
  }

  /** A directory's files as this run knows them (by {@link #textKey}); its entry is read once, while others wait for it. */
  private Map<String, Held> known(String key) {
    return known.computeIfAbsent(key, k -> new ConcurrentHashMap<>(decodeOrEmpty(store.get(k))));
  }

  private String textKey(String dir, String words) {
    return build + "\0text\0" + words + "\0" + dir;
  }

  private String parseKey(String content, String path, ScanOptions options, String macros) {
    String macroId = macros.isEmpty() ? "" : macroIds.computeIfAbsent(macros, EntryStore::hash);
    return build + "\0parse\0" + content + "\0" + options.maxParseBytes() + "\0" + path + "\0" + macroId;
  }

  private static String name(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** The entry's bytes; null when a name is too long for it (over 64 KiB), so it is not kept. */
  static byte[] encode(Map<String, Held> files) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(files.size());
      for (Map.Entry<String, Held> e : files.entrySet()) {
        out.writeUTF(e.getKey());
        out.writeUTF(e.getValue().contentId());
        EntryFormat.write(e.getValue().facts(), out);
      }
    } catch (IOException e) {
      return null;
    }
    return bytes.toByteArray();
  }

  /** The entry's files, or none when it is missing or does not decode whole. */
  static Map<String, Held> decodeOrEmpty(byte[] data) {
    if (data == null) return Map.of();
    try {
      EntryFormat.Fields in = new EntryFormat.Fields(data);
      int n = in.count();
      Map<String, Held> files = new HashMap<>();
      for (int i = 0; i < n; i++) {
        String name = in.utf();
        String content = in.utf();
        files.put(name, new Held(content, in.facts()));
      }
      return in.buffer().hasRemaining() ? Map.of() : files;
    } catch (IOException | RuntimeException e) {
      return Map.of(); // short, or of another shape
    }
  }
}
