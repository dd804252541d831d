package org.mmapcheck.analyzer.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.ToLongFunction;
import org.mmapcheck.analyzer.frontend.TextScan;
import org.mmapcheck.analyzer.model.Demand;

/**
 * Which files define each name, for the whole tree. Names are kept as 64-bit hashes, not strings:
 * a tree's worth of strings would fill the heap and slow every collection. Two names that collide
 * cost one file parsed for nothing, never a wrong result: the loader loads what the rules read
 * wherever it is, so a file more changes no finding (ScannerTest forces collisions to hold it to
 * that). Filled from many threads during the text pass; looked up once it is over.
 */
final class DefinitionIndex {

  private record FileNames(String file, long[] names) {}

  private final ToLongFunction<Demand> hash;
  private final Queue<FileNames> added = new ConcurrentLinkedQueue<>();
  private CompletableFuture<Void> building;
  // Built at the first lookup, or meanwhile: entries chained from a table of heads, slot = hash & mask.
  private String[] files;
  private long[] entryName;
  private int[] entryFile;
  private int[] entryNext;
  private int[] heads;

  /** The hash this index keeps names by, unless a test gives another. */
  static final ToLongFunction<Demand> FNV = DefinitionIndex::hash;

  private static final byte[] MAIN_BYTES = "main".getBytes(StandardCharsets.US_ASCII);

  DefinitionIndex() {
    this(FNV);
  }

  /** With another hash: a seam for tests that force collisions. */
  DefinitionIndex(ToLongFunction<Demand> hash) {
    this.hash = hash;
  }

  /** @param names the hashes ({@link #hashes}) of what the file defines */
  void add(String file, long[] names) {
    added.add(new FileNames(file, names));
  }

  /** The names as this index keeps them. */
  long[] hashes(List<Demand> names) {
    return names.stream().mapToLong(hash).toArray();
  }

  /**
   * What the text defines ({@link TextScan#definitions}) as this index keeps it; nothing for a
   * host program (one that defines main()), built apart from the kernel. With the index's own
   * hash, the names are hashed where they are in the text: no string is made of them; a test's
   * hash is given them as demands.
   */
  long[] hashes(byte[] data, int length) {
    Hashes hashes = HASHES.get().cleared();
    TextScan.definitions(data, length, hashes);
    if (hashes.main) return new long[0];
    return hash == FNV ? Arrays.copyOf(hashes.hashes, hashes.count) : hashes(TextScan.definitions(data, length));
  }

  /** Each thread's {@link Hashes}, used again for every text it hashes. */
  private static final ThreadLocal<Hashes> HASHES = ThreadLocal.withInitial(Hashes::new);

  /** The FNV hashes of the definitions a text makes, and whether one is main(). */
  private static final class Hashes implements TextScan.DefinitionSink {
    long[] hashes = new long[16];
    int count;
    boolean main;

    /** Empty again, for the next text; the array kept. */
    Hashes cleared() {
      count = 0;
      main = false;
      return this;
    }

    @Override
    public void add(TextScan.Kind kind, byte[] data, int start, int end) {
      if (kind == TextScan.Kind.NAMED && Arrays.equals(data, start, end, MAIN_BYTES, 0, MAIN_BYTES.length)) main = true;
      if (count == hashes.length) hashes = Arrays.copyOf(hashes, 2 * count);
      long h = start(kind);
      for (int i = start; i < end; i++) h = step(h, data[i] & 0xff);
      hashes[count++] = h;
    }
  }

  /**
   * Builds the lookup on another thread, once every file is added, while the scan goes on to
   * other work: over a kernel tree it takes some 50 ms, which the first lookup would wait for.
   */
  void buildMeanwhile() {
    building = CompletableFuture.runAsync(this::build);
  }

  /** The files that define any of these, sorted. */
  Set<String> filesDefining(Collection<Demand> names) {
    if (building != null) building.join();
    else if (heads == null) build();
    Set<String> out = new TreeSet<>();
    for (Demand name : names) {
      long h = hash.applyAsLong(name);
      for (int e = heads[(int) h & (heads.length - 1)]; e >= 0; e = entryNext[e])
        if (entryName[e] == h) out.add(files[entryFile[e]]);
    }
    return out;
  }

  /** Builds the lookup and lets the files' own arrays go: kept, they would be copied by every young collection of the scan. */
  private void build() {
    List<FileNames> all = new ArrayList<>(added);
    added.clear();
    int entries = all.stream().mapToInt(f -> f.names().length).sum();
    files = new String[all.size()];
    entryName = new long[entries];
    entryFile = new int[entries];
    entryNext = new int[entries];
    heads = new int[Integer.highestOneBit(Math.max(1, entries)) * 2];
    Arrays.fill(heads, -1);
    int e = 0;
    for (int f = 0; f < all.size(); f++) {
      files[f] = all.get(f).file();
      for (long name : all.get(f).names()) {
        int slot = (int) name & (heads.length - 1);
        entryName[e] = name;
        entryFile[e] = f;
        entryNext[e] = heads[slot];
        heads[slot] = e++;
      }
    }
  }

  /**
   * 64-bit FNV-1a of the kind of definition (its {@link TextScan.Kind}), then its name: names are
   * ASCII, so hashed from the text's bytes they hash the same.
   */
  static long hash(Demand definition) {
    if (definition instanceof Demand.Named n) return hash(TextScan.Kind.NAMED, n.name());
    if (definition instanceof Demand.Struct s) return hash(TextScan.Kind.STRUCT, s.name());
    if (definition instanceof Demand.Objects o) return hash(TextScan.Kind.OBJECTS, o.type());
    throw new IllegalArgumentException("not a definition: " + definition);
  }

  private static long hash(TextScan.Kind kind, String name) {
    long h = start(kind);
    for (int i = 0; i < name.length(); i++) h = step(h, name.charAt(i));
    return h;
  }

  private static long start(TextScan.Kind kind) {
    return step(0xcbf29ce484222325L, kind.ordinal());
  }

  private static long step(long h, int c) {
    return (h ^ c) * 0x100000001b3L;
  }
}
