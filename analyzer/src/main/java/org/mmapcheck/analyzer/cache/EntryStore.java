package org.mmapcheck.analyzer.cache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.mmapcheck.analyzer.report.AtomicFile;

/**
 * Byte entries in a directory, named by a hash of their key. A run writes its first
 * {@value #LOOSE} entries a file each and the rest into one pack ({@link Pack}): a cold scan of a
 * kernel tree writes thousands, and creating a file each took a second or two of its time. Safe
 * to share between runs: an entry file, and a pack, is written to a temporary file and renamed
 * into place, so a reader sees a whole one or none; each entry carries its length and checksum,
 * so a truncated or corrupt one reads as missing and is written anew. The directory is kept under
 * a size by dropping the files used longest ago (a hit renews its entry's file, or its pack).
 */
public final class EntryStore {

  private static final int MAGIC = 0x4d4d4331; // "MMC1"
  private static final int HEADER = 4 + 4 + 4; // magic, length, CRC32C of the payload
  private static final String TEMP_SUFFIX = ".tmp";
  private static final String PACKS = "packs";
  /**
   * The store's size as the last walk of it found it, plus what runs wrote since, and how many
   * runs trusted it so: "BYTES RUNS". Walking a store of tens of thousands of entries takes a
   * noticeable part of a short run.
   */
  private static final String SIZE = "size";
  /**
   * Runs that may trust the size before one walks the store again: two runs that write it at
   * once lose one's addition, and another run may have dropped entries.
   */
  private static final int WALK_EVERY = 32;

  /** Entries a run writes a file each before it writes the rest into a pack. */
  static final int LOOSE = 64;

  private final Path dir;
  private final long maxBytes;
  private final AtomicBoolean wrote = new AtomicBoolean();
  private final AtomicBoolean writable = new AtomicBoolean(true);
  private final AtomicLong written = new AtomicLong();
  private final AtomicInteger puts = new AtomicInteger();
  /** This run's pack, while it is written; null until the run writes past {@value #LOOSE} entries. */
  private Pack.Writer pending;
  /** The packs there were when the run first looked, newest first; null until then. */
  private List<Pack> packs;

  /** @param dir made if missing; must be writable (see {@link #open}) */
  private EntryStore(Path dir, long maxBytes) {
    this.dir = dir;
    this.maxBytes = maxBytes;
  }

  /**
   * The store in the directory, made if missing, after a trial write.
   *
   * @throws IOException when the directory cannot be made or written
   */
  public static EntryStore open(Path dir, long maxBytes) throws IOException {
    Files.createDirectories(dir);
    Path probe = Files.createTempFile(dir, "probe", TEMP_SUFFIX);
    Files.delete(probe);
    return new EntryStore(dir, maxBytes);
  }

  /**
   * The entry's bytes, or null when there is none or it is damaged: from this run's pack, else
   * its file, else the newest pack that holds it whole.
   */
  public byte[] get(String key) {
    String hash = hash(key);
    Pack.Writer writer = pending();
    byte[] payload = writer == null ? null : payload(writer.read(hash));
    if (payload != null) return payload;
    Path file = path(hash);
    try {
      payload = payload(Files.readAllBytes(file));
    } catch (IOException e) {
      // none, or not readable: look in the packs
    }
    if (payload != null) {
      renew(file);
      return payload;
    }
    for (Pack pack : packs()) {
      payload = payload(pack.read(hash));
      if (payload != null) {
        if (pack.firstHit()) renew(pack.file());
        return payload;
      }
    }
    return null;
  }

  /** The payload of an entry's bytes (header, then payload); null when they are short or damaged. */
  private static byte[] payload(byte[] data) {
    if (data == null) return null;
    ByteBuffer b = ByteBuffer.wrap(data);
    if (data.length < HEADER || b.getInt() != MAGIC || b.getInt() != data.length - HEADER) return null;
    int checksum = b.getInt();
    CRC32C crc = new CRC32C();
    crc.update(data, HEADER, data.length - HEADER);
    if ((int) crc.getValue() != checksum) return null;
    return Arrays.copyOfRange(data, HEADER, data.length);
  }

  private static void renew(Path file) {
    try {
      Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis()));
    } catch (IOException e) {
      // a read-only entry still serves; it is only dropped sooner
    }
  }

  /**
   * Writes the entry, replacing any there. A store that cannot be written stops trying: the scan
   * goes on without keeping what it found.
   */
  public void put(String key, byte[] payload) {
    if (!writable.get()) return;
    String hash = hash(key);
    CRC32C crc = new CRC32C();
    crc.update(payload);
    ByteBuffer b = ByteBuffer.allocate(HEADER + payload.length);
    b.putInt(MAGIC).putInt(payload.length).putInt((int) crc.getValue()).put(payload);
    try {
      if (puts.incrementAndGet() > LOOSE) {
        writer().write(hash, b.array()); // counted when the pack is finished
        deleteQuietly(path(hash)); // an older file would be read before the pack
      } else {
        writeFile(path(hash), b.array());
        written.addAndGet(b.capacity());
      }
      wrote.set(true);
    } catch (IOException e) {
      writable.set(false);
    }
  }

  /** Writes the file by a temporary file renamed into place. */
  private static void writeFile(Path file, byte[] data) throws IOException {
    Files.createDirectories(file.getParent());
    Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), TEMP_SUFFIX);
    try {
      Files.write(temp, data);
      AtomicFile.moveIntoPlace(temp, file);
    } catch (IOException e) {
      deleteQuietly(temp);
      throw e;
    }
  }

  private synchronized Pack.Writer pending() {
    return pending;
  }

  private synchronized Pack.Writer writer() throws IOException {
    if (pending == null) pending = Pack.Writer.create(dir.resolve(PACKS), TEMP_SUFFIX);
    return pending;
  }

  private synchronized List<Pack> packs() {
    if (packs == null) packs = Pack.all(dir.resolve(PACKS));
    return packs;
  }

  /**
   * Puts this run's pack in place, then drops the files used longest ago until the store is at
   * most its size, if this run wrote any. Another run's temporary files are left alone unless they are an hour old (a run that died).
   * The store is walked only when the size the last walk found, with what runs wrote since, is
   * over the bound, or {@value #WALK_EVERY} runs have trusted it.
   */
  public void trim() throws IOException {
    finishPack();
    if (!wrote.get()) return;
    long[] size = size();
    if (size != null && size[1] < WALK_EVERY && size[0] + written.get() <= maxBytes) {
      keepSize(size[0] + written.get(), size[1] + 1);
      return;
    }
    record Entry(Path path, long size, long time) {}
    List<Entry> entries = new ArrayList<>();
    long now = System.currentTimeMillis();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        BasicFileAttributes a;
        try {
          a = Files.readAttributes(p, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
          continue; // another run dropped it
        }
        if (!a.isRegularFile()) continue;
        long time = a.lastModifiedTime().toMillis();
        if (p.getFileName().toString().endsWith(TEMP_SUFFIX)) {
          if (now - time > 3_600_000L) deleteQuietly(p);
          continue;
        }
        if (p.getParent().equals(dir)) continue; // the size
        entries.add(new Entry(p, a.size(), time));
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    long total = entries.stream().mapToLong(Entry::size).sum();
    entries.sort(Comparator.comparingLong(Entry::time));
    for (Entry e : entries) {
      if (total <= maxBytes) break;
      deleteQuietly(e.path());
      total -= e.size();
    }
    keepSize(total, 0);
  }

  /**
   * For a run that is stopped (Ctrl-C), as the JVM exits: puts its pack in place, so what it wrote
   * is kept, and writes nothing more.
   */
  public void stop() {
    writable.set(false);
    finishPack();
  }

  /**
   * Puts this run's pack in place, with its index: a later run sees it whole, or not at all. The
   * packs read are closed; a later get lists them anew.
   */
  private void finishPack() {
    Pack.Writer writer;
    synchronized (this) {
      writer = pending;
      pending = null;
      if (packs != null) packs.forEach(Pack::close);
      packs = null;
    }
    if (writer == null) return;
    try {
      written.addAndGet(writer.finish());
    } catch (IOException e) {
      // its entries are not kept; the next run works them out again
    }
  }

  /** The size and the runs that trusted it, as kept; null when there is none, or it does not read. */
  private long[] size() {
    try {
      String[] parts = Files.readString(dir.resolve(SIZE), StandardCharsets.US_ASCII).strip().split(" ");
      long[] size = {Long.parseLong(parts[0]), Long.parseLong(parts[1])};
      return parts.length == 2 && size[0] >= 0 && size[1] >= 0 ? size : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private void keepSize(long bytes, long runs) {
    Path temp = null;
    try {
      temp = Files.createTempFile(dir, SIZE, TEMP_SUFFIX);
      Files.writeString(temp, bytes + " " + runs + "\n", StandardCharsets.US_ASCII);
      Files.move(temp, dir.resolve(SIZE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      if (temp != null) deleteQuietly(temp); // the next run walks the store
    }
  }

  /** Two levels, as git's objects: 256 directories of entries. */
  private Path path(String hash) {
    return dir.resolve(hash.substring(0, 2)).resolve(hash.substring(2));
  }

  static String hash(String key) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      // another run's, or already gone
    }
  }
}
