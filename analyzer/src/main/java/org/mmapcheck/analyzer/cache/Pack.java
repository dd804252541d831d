package org.mmapcheck.analyzer.cache;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.mmapcheck.analyzer.report.AtomicFile;

/**
 * Many entries of an {@link EntryStore} in one file: each entry's bytes as its own file would hold
 * them, one after another; then an index of them sorted by key hash (the hash's 32 bytes, offset,
 * length); then a trailer (the index's offset, its entries, its CRC32C, a magic number). A pack
 * whose trailer or index does not check holds nothing. The entries check themselves.
 */
final class Pack {

  static final String SUFFIX = ".pack";
  private static final int MAGIC = 0x4d4d5031; // "MMP1"
  private static final int HASH = 32;
  private static final int SLOT = HASH + 8 + 4;
  private static final int TRAILER = 8 + 4 + 4 + 4;

  private final Path file;
  private final FileChannel channel;
  private final long indexAt;
  private final byte[] index;
  private final AtomicBoolean hit = new AtomicBoolean();

  private Pack(Path file, FileChannel channel, long indexAt, byte[] index) {
    this.file = file;
    this.channel = channel;
    this.indexAt = indexAt;
    this.index = index;
  }

  /** The packs in the directory that read whole, newest first; none when there is no directory. */
  static List<Pack> all(Path dir) {
    record Found(Path file, long time) {}
    List<Found> found = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        if (!p.getFileName().toString().endsWith(SUFFIX)) continue;
        try {
          found.add(new Found(p, Files.getLastModifiedTime(p).toMillis()));
        } catch (IOException e) {
          // dropped by another run meanwhile
        }
      }
    } catch (IOException | RuntimeException e) {
      return List.of(); // no packs yet, or none that can be listed
    }
    found.sort(Comparator.comparingLong(Found::time).reversed());
    List<Pack> packs = new ArrayList<>();
    for (Found f : found) {
      Pack pack = open(f.file());
      if (pack != null) packs.add(pack);
    }
    return packs;
  }

  /** The pack, or null when it is gone or its trailer or index does not check. */
  static Pack open(Path file) {
    FileChannel channel = null;
    try {
      channel = FileChannel.open(file, StandardOpenOption.READ);
      long size = channel.size();
      if (size < TRAILER) throw new EOFException();
      ByteBuffer trailer = readFully(channel, size - TRAILER, TRAILER);
      long indexAt = trailer.getLong();
      int count = trailer.getInt();
      int checksum = trailer.getInt();
      if (trailer.getInt() != MAGIC || count < 0 || indexAt < 0 || indexAt + (long) count * SLOT != size - TRAILER) {
        throw new EOFException();
      }
      byte[] index = readFully(channel, indexAt, count * SLOT).array();
      CRC32C crc = new CRC32C();
      crc.update(index);
      if ((int) crc.getValue() != checksum) throw new EOFException();
      return new Pack(file, channel, indexAt, index);
    } catch (IOException | RuntimeException e) {
      closeQuietly(channel);
      return null;
    }
  }

  Path file() {
    return file;
  }

  /** True for the first hit of the run only: the pack's time is renewed once. */
  boolean firstHit() {
    return !hit.getAndSet(true);
  }

  /** The bytes kept under the hash (a hex SHA-256), unchecked; null when the pack has none. */
  byte[] read(String hash) {
    byte[] key = HexFormat.of().parseHex(hash);
    int low = 0;
    int high = index.length / SLOT - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      int at = mid * SLOT;
      int c = Arrays.compareUnsigned(index, at, at + HASH, key, 0, HASH);
      if (c < 0) low = mid + 1;
      else if (c > 0) high = mid - 1;
      else {
        ByteBuffer slot = ByteBuffer.wrap(index, at + HASH, 12);
        long offset = slot.getLong();
        int length = slot.getInt();
        if (offset < 0 || length < 0 || offset + length > indexAt) return null;
        try {
          return readFully(channel, offset, length).array();
        } catch (IOException e) {
          return null;
        }
      }
    }
    return null;
  }

  void close() {
    closeQuietly(channel);
  }

  private static ByteBuffer readFully(FileChannel channel, long at, int length) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(length);
    while (b.hasRemaining()) {
      if (channel.read(b, at + b.position()) < 0) throw new EOFException();
    }
    return b.flip();
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      if (channel != null) channel.close();
    } catch (IOException e) {
      // read-only: nothing is lost
    }
  }

  /** A pack being written by a run, by any of its threads; read back by the run meanwhile. */
  static final class Writer {
    private final Path temp;
    private final FileChannel channel;
    private final AtomicLong end = new AtomicLong();
    private final Map<String, long[]> slots = new ConcurrentHashMap<>();

    private Writer(Path temp, FileChannel channel) {
      this.temp = temp;
      this.channel = channel;
    }

    /** A new pack in a temporary file in the directory, made if missing. */
    static Writer create(Path dir, String tempSuffix) throws IOException {
      Files.createDirectories(dir);
      Path temp = Files.createTempFile(dir, "pack-", tempSuffix);
      return new Writer(temp, FileChannel.open(temp, StandardOpenOption.READ, StandardOpenOption.WRITE));
    }

    void write(String hash, byte[] data) throws IOException {
      long at = end.getAndAdd(data.length);
      ByteBuffer b = ByteBuffer.wrap(data);
      while (b.hasRemaining()) channel.write(b, at + b.position());
      slots.put(hash, new long[] {at, data.length});
    }

    /** The bytes this run wrote under the hash; null when it wrote none, or they do not read. */
    byte[] read(String hash) {
      long[] slot = slots.get(hash);
      if (slot == null) return null;
      try {
        return readFully(channel, slot[0], (int) slot[1]).array();
      } catch (IOException e) {
        return null;
      }
    }

    /**
     * Writes the index and trailer and renames the pack into place, beside its temporary name.
     *
     * @return the pack's size
     */
    long finish() throws IOException {
      try {
        Map<String, long[]> sorted = new TreeMap<>(slots); // hex sorts as the bytes do
        ByteBuffer index = ByteBuffer.allocate(sorted.size() * SLOT);
        HexFormat hex = HexFormat.of();
        for (Map.Entry<String, long[]> e : sorted.entrySet()) {
          index.put(hex.parseHex(e.getKey())).putLong(e.getValue()[0]).putInt((int) e.getValue()[1]);
        }
        CRC32C crc = new CRC32C();
        crc.update(index.array());
        long indexAt = end.get();
        ByteBuffer trailer = ByteBuffer.allocate(TRAILER);
        trailer.putLong(indexAt).putInt(sorted.size()).putInt((int) crc.getValue()).putInt(MAGIC);
        ByteBuffer tail = ByteBuffer.allocate(index.capacity() + TRAILER).put(index.array()).put(trailer.array()).flip();
        while (tail.hasRemaining()) channel.write(tail, indexAt + tail.position());
        channel.close();
        String name = temp.getFileName().toString();
        Path file = temp.resolveSibling(name.substring(0, name.lastIndexOf('.')) + SUFFIX);
        AtomicFile.moveIntoPlace(temp, file);
        return indexAt + tail.capacity();
      } catch (IOException | RuntimeException e) {
        closeQuietly(channel);
        EntryStore.deleteQuietly(temp);
        throw e instanceof IOException io ? io : new IOException(e);
      }
    }
  }
}
