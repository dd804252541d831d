package org.mmapcheck.analyzer.cache;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.mmapcheck.analyzer.engine.ScanCache;
import org.mmapcheck.analyzer.engine.ScanOptions;
import org.mmapcheck.analyzer.engine.TextFacts;
import org.mmapcheck.analyzer.frontend.TableMacros;
import org.mmapcheck.analyzer.model.Demand;
import org.mmapcheck.analyzer.model.FileModel;
import org.mmapcheck.analyzer.source.SourceTree;

/**
 * A {@link ScanCache} in an {@link EntryStore}, for trees that name their files' contents (git
 * commits, and a work tree's files that match git's index). Text facts are kept a directory to an
 * entry, keyed by the directory's name for its sources, so a scan of a tree it has seen reads one
 * entry per directory and no file; parses are kept a file to an entry, keyed by blob id and path
 * (the model holds the path). Every key holds the tool's build id: a rebuilt tool never reads what
 * an earlier build kept. An entry that does not decode is a miss, and is written anew.
 */
public final class ContentCache implements ScanCache {

  private final EntryStore store;
  private final String build;
  /**
   * What this run knows per directory id, file name to facts: the directory's entry, read when the
   * run first meets the directory, and what the run worked out since. A later scan in the same run
   * (diff's head, check-patch's next tree) finds it here.
   */
  private final Map<String, Map<String, Held>> known = new ConcurrentHashMap<>();
  private final Set<String> changed = ConcurrentHashMap.newKeySet();
  /** Parses read or made this run, by key: a later scan in the run takes them as they are. */
  private final Map<String, Parsed> parses = new ConcurrentHashMap<>();
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

  @Override
  public TextFacts text(SourceTree tree, String path) {
    String content = tree.contentId(path);
    String dir = tree.directoryId(SourceTree.directoryOf(path));
    if (content == null || dir == null) return null;
    Held held = known(dir).get(name(path));
    if (held == null || !held.contentId().equals(content)) return null;
    hits.incrementAndGet();
    return held.facts();
  }

  @Override
  public void keepText(SourceTree tree, String path, TextFacts facts) {
    String content = tree.contentId(path);
    String dir = tree.directoryId(SourceTree.directoryOf(path));
    if (content == null || dir == null) return;
    known(dir).put(name(path), new Held(content, facts));
    changed.add(dir);
  }

  /** Writes each directory's entry that this run added to, with all it knows of the directory. */
  @Override
  public void flush() {
    List<String> dirs = new ArrayList<>(changed);
    changed.removeAll(dirs);
    dirs.parallelStream().forEach(dir -> {
      byte[] entry = encode(known.get(dir));
      if (entry != null) store.put(textKey(dir), entry);
    });
  }

  @Override
  public Parsed parsed(SourceTree tree, String path, ScanOptions options, String macros) {
    String content = tree.contentId(path);
    if (content == null) return null;
    String key = parseKey(content, path, options, macros);
    Parsed known = parses.get(key);
    if (known != null) {
      hits.incrementAndGet();
      return known;
    }
    byte[] data = store.get(key);
    if (data == null) return null;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(data))) {
      in.setObjectInputFilter(ContentCache::modelOnly);
      boolean latin1 = in.readBoolean();
      if (!(in.readObject() instanceof FileModel model) || !model.path().equals(path)) return null;
      Parsed read = new Parsed(model, latin1);
      parses.put(key, read);
      hits.incrementAndGet();
      return read;
    } catch (IOException | ClassNotFoundException | RuntimeException e) {
      return null; // damaged, or of another shape: parsed anew
    }
  }

  @Override
  public void keepParsed(SourceTree tree, String path, ScanOptions options, String macros, Parsed parsed) {
    String content = tree.contentId(path);
    if (content == null) return;
    String key = parseKey(content, path, options, macros);
    parses.put(key, parsed);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeBoolean(parsed.latin1());
      out.writeObject(parsed.model());
    } catch (IOException e) {
      return; // a model part that cannot be written: the file is parsed again next time
    }
    store.put(key, bytes.toByteArray());
  }

  /** Lets through the model's records and the JDK's collections and boxes, nothing else. */
  private static ObjectInputFilter.Status modelOnly(ObjectInputFilter.FilterInfo info) {
    Class<?> c = info.serialClass();
    if (c == null) return ObjectInputFilter.Status.UNDECIDED;
    while (c.isArray()) c = c.getComponentType();
    if (c.isPrimitive()) return ObjectInputFilter.Status.ALLOWED;
    String name = c.getName();
    boolean allowed =
        name.startsWith("org.mmapcheck.analyzer.model.") || name.startsWith("java.util.") || name.startsWith("java.lang.");
    return allowed ? ObjectInputFilter.Status.ALLOWED : ObjectInputFilter.Status.REJECTED;
  }

  /** The directory's files as this run knows them; its entry is read once, while others wait for it. */
  private Map<String, Held> known(String dir) {
    return known.computeIfAbsent(dir, d -> new ConcurrentHashMap<>(decodeOrEmpty(store.get(textKey(d)))));
  }

  private String textKey(String dir) {
    return build + "\0text\0" + dir;
  }

  private String parseKey(String content, String path, ScanOptions options, String macros) {
    return build + "\0parse\0" + content + "\0" + options.maxParseBytes() + "\0" + path + "\0" + macros;
  }

  private static String name(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  private static final byte NAMED = 0, STRUCT = 1, OBJECTS = 2, TABLES = 3;

  /** The entry's bytes; null when a name is too long for it (over 64 KiB), so it is not kept. */
  static byte[] encode(Map<String, Held> files) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(files.size());
      for (Map.Entry<String, Held> e : files.entrySet()) {
        TextFacts f = e.getValue().facts();
        out.writeUTF(e.getKey());
        out.writeUTF(e.getValue().contentId());
        out.writeInt(f.length());
        out.writeBoolean(f.binary());
        out.writeInt(f.triggers());
        out.writeInt(f.definitions() == null ? -1 : f.definitions().size());
        if (f.definitions() != null) for (Demand d : f.definitions()) write(d, out);
        out.writeInt(f.macros() == null ? -1 : f.macros().size());
        if (f.macros() != null)
          for (TableMacros.Definition m : f.macros()) {
            out.writeUTF(m.name());
            out.writeUTF(m.key());
            out.writeUTF(m.body());
          }
      }
    } catch (IOException e) {
      return null;
    }
    return bytes.toByteArray();
  }

  private static void write(Demand d, DataOutputStream out) throws IOException {
    if (d instanceof Demand.Named n) {
      out.writeByte(NAMED);
      out.writeUTF(n.name());
    } else if (d instanceof Demand.Struct s) {
      out.writeByte(STRUCT);
      out.writeUTF(s.name());
    } else if (d instanceof Demand.Objects o) {
      out.writeByte(OBJECTS);
      out.writeUTF(o.type());
    } else {
      Demand.Tables t = (Demand.Tables) d;
      out.writeByte(TABLES);
      out.writeUTF(t.type());
      out.writeUTF(t.field());
    }
  }

  /**
   * The entry's files, or none when it is missing or does not decode whole. Read straight from the
   * array: a tree's entries hold millions of fields, and a stream (a synchronized call per byte of
   * each int) made decoding them the largest part of a warm diff's Java samples.
   */
  static Map<String, Held> decodeOrEmpty(byte[] data) {
    if (data == null) return Map.of();
    try {
      Fields in = new Fields(ByteBuffer.wrap(data));
      int n = in.buffer.getInt();
      if (n < 0 || n > data.length) return Map.of();
      Map<String, Held> files = new HashMap<>();
      for (int i = 0; i < n; i++) {
        String name = in.utf();
        String content = in.utf();
        int length = in.buffer.getInt();
        boolean binary = in.buffer.get() != 0;
        int triggers = in.buffer.getInt();
        int count = in.buffer.getInt();
        if (count < -1 || count > data.length) return Map.of();
        List<Demand> definitions = null;
        if (count >= 0) {
          Demand[] read = new Demand[count];
          for (int d = 0; d < count; d++) read[d] = read(in);
          definitions = List.of(read);
        }
        int macroCount = in.buffer.getInt();
        if (macroCount < -1 || macroCount > data.length) return Map.of();
        List<TableMacros.Definition> macros = null;
        if (macroCount >= 0) {
          TableMacros.Definition[] read = new TableMacros.Definition[macroCount];
          for (int m = 0; m < macroCount; m++) read[m] = new TableMacros.Definition(in.utf(), in.utf(), in.utf());
          macros = List.of(read);
        }
        files.put(name, new Held(content, new TextFacts(length, binary, triggers, definitions, macros)));
      }
      return in.buffer.hasRemaining() ? Map.of() : files;
    } catch (IOException | RuntimeException e) {
      return Map.of(); // short, or of another shape
    }
  }

  private static Demand read(Fields in) throws IOException {
    byte kind = in.buffer.get();
    return switch (kind) {
      case NAMED -> new Demand.Named(in.utf());
      case STRUCT -> new Demand.Struct(in.utf());
      case OBJECTS -> new Demand.Objects(in.utf());
      case TABLES -> new Demand.Tables(in.utf(), in.utf());
      default -> throw new IOException("unknown kind " + kind);
    };
  }

  /** {@link DataOutputStream}'s fields read back from an array. */
  private record Fields(ByteBuffer buffer) {
    /** A {@link DataOutputStream#writeUTF} string: plain ASCII at once, anything else as Java decodes it. */
    String utf() throws IOException {
      int length = Short.toUnsignedInt(buffer.getShort());
      int start = buffer.position();
      byte[] data = buffer.array();
      buffer.position(start + length);
      boolean ascii = true;
      for (int i = start; i < start + length && ascii; i++) ascii = data[i] > 0;
      if (ascii) return new String(data, start, length, StandardCharsets.ISO_8859_1);
      return new DataInputStream(new ByteArrayInputStream(data, start - 2, length + 2)).readUTF();
    }
  }
}
