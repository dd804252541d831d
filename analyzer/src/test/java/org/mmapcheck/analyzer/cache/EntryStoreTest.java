package org.mmapcheck.analyzer.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EntryStoreTest {

  @TempDir Path dir;

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private List<Path> entries() throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals("size")).toList();
    }
  }

  @Test
  void keepsAnEntryUnderItsKey() throws IOException {
    EntryStore store = EntryStore.open(dir.resolve("cache"), 1 << 20);
    store.put("a", bytes("first"));
    store.put("b", bytes("second"));
    store.put("a", bytes("again"));
    assertArrayEquals(bytes("again"), store.get("a"));
    assertArrayEquals(bytes("second"), store.get("b"));
    assertNull(store.get("c"));
  }

  @Test
  void aTruncatedOrAlteredEntryIsMissingAndIsWrittenAnew() throws IOException {
    EntryStore store = EntryStore.open(dir, 1 << 20);
    store.put("truncated", bytes("a payload of some length"));
    store.put("altered", bytes("another payload"));
    store.put("empty", bytes("third"));
    for (Path p : entries()) {
      byte[] data = Files.readAllBytes(p);
      String payload = new String(data, 12, data.length - 12, StandardCharsets.UTF_8);
      if (payload.startsWith("a payload")) Files.write(p, java.util.Arrays.copyOf(data, data.length - 3));
      else if (payload.startsWith("another")) {
        data[data.length - 1] ^= 1;
        Files.write(p, data);
      } else Files.write(p, new byte[0]);
    }
    assertNull(store.get("truncated"));
    assertNull(store.get("altered"));
    assertNull(store.get("empty"));
    store.put("altered", bytes("another payload"));
    assertArrayEquals(bytes("another payload"), store.get("altered"));
  }

  @Test
  void keptWithinItsSizeByDroppingWhatWasUsedLongestAgo() throws IOException {
    byte[] payload = new byte[100]; // 112 bytes an entry, with its header
    EntryStore store = EntryStore.open(dir, 250);
    long now = System.currentTimeMillis();
    for (String key : List.of("old", "older", "new")) store.put(key, payload);
    age("older", now - 3_000_000);
    age("old", now - 2_000_000);
    age("new", now - 1_000_000);
    store.get("older"); // a hit: used just now
    store.trim();
    assertEquals(2, entries().size());
    assertNull(store.get("old"));
    assertArrayEquals(payload, store.get("older"));
    assertArrayEquals(payload, store.get("new"));
  }

  /** A dead run's temporary file shows whether a trim walked the store: a walk drops it. */
  @Test
  void aStoreWellWithinItsSizeIsWalkedOnlyNowAndThen() throws IOException {
    EntryStore first = EntryStore.open(dir, 1 << 20);
    first.put("a", new byte[100]);
    first.trim(); // no size kept yet: walks
    Path dead = Files.createTempFile(dir.resolve(EntryStore.hash("a").substring(0, 2)), "dead", ".tmp");
    Files.setLastModifiedTime(dead, FileTime.fromMillis(System.currentTimeMillis() - 7_200_000L));
    for (int run = 0; run < 32; run++) {
      EntryStore store = EntryStore.open(dir, 1 << 20);
      store.put("run" + run, new byte[100]);
      store.trim();
      assertTrue(Files.exists(dead), "trusted the size, run " + run);
    }
    EntryStore later = EntryStore.open(dir, 1 << 20);
    later.put("later", new byte[100]);
    later.trim();
    assertFalse(Files.exists(dead), "walked after 32 runs");
  }

  @Test
  void writesThatTakeTheSizeOverTheBoundWalkAndDrop() throws IOException {
    EntryStore first = EntryStore.open(dir, 400);
    first.put("one", new byte[100]);
    first.trim();
    age("one", System.currentTimeMillis() - 1_000_000);
    EntryStore second = EntryStore.open(dir, 400);
    for (String key : List.of("two", "three", "four")) second.put(key, new byte[100]);
    second.trim(); // 4 x 112 bytes: over 400
    assertEquals(3, entries().size());
    assertNull(second.get("one"));
  }

  private List<Path> packs() throws IOException {
    return entries().stream().filter(p -> p.getFileName().toString().endsWith(Pack.SUFFIX)).toList();
  }

  @Test
  void entriesPastARunsFirstFewGoIntoOnePackThatLaterRunsRead() throws IOException {
    EntryStore store = EntryStore.open(dir, 1 << 20);
    int n = EntryStore.LOOSE + 100;
    for (int i = 0; i < n; i++) store.put("key" + i, bytes("value " + i));
    assertArrayEquals(bytes("value " + (n - 1)), store.get("key" + (n - 1)), "read back before the pack is finished");
    assertTrue(packs().isEmpty());
    store.trim();
    assertEquals(1, packs().size());
    assertEquals(EntryStore.LOOSE + 1, entries().size());
    EntryStore later = EntryStore.open(dir, 1 << 20);
    for (int i = 0; i < n; i++) assertArrayEquals(bytes("value " + i), later.get("key" + i), "key" + i);
    assertNull(later.get("key" + n));
  }

  @Test
  void aDamagedPackEntryOrPackIsMissingAndIsWrittenAnew() throws IOException {
    EntryStore store = EntryStore.open(dir, 1 << 20);
    for (int i = 0; i < EntryStore.LOOSE; i++) store.put("loose" + i, bytes("loose"));
    store.put("altered", bytes("a packed payload"));
    store.put("kept", bytes("another packed payload"));
    store.trim();
    Path pack = packs().get(0);
    byte[] data = Files.readAllBytes(pack);
    int at = new String(data, StandardCharsets.ISO_8859_1).indexOf("a packed payload");
    data[at] ^= 1;
    Files.write(pack, data);
    EntryStore later = EntryStore.open(dir, 1 << 20);
    assertNull(later.get("altered"));
    assertArrayEquals(bytes("another packed payload"), later.get("kept"));
    later.put("altered", bytes("a packed payload"));
    assertArrayEquals(bytes("a packed payload"), later.get("altered"));
    later.trim();

    Files.write(pack, java.util.Arrays.copyOf(data, data.length - 1)); // its trailer cut
    assertNull(EntryStore.open(dir, 1 << 20).get("kept"));
  }

  @Test
  void aHitRenewsItsPackSoFilesUsedLongerAgoAreDroppedFirst() throws IOException {
    byte[] payload = new byte[100]; // 112 bytes an entry, with its header
    EntryStore first = EntryStore.open(dir, 1 << 20);
    for (int i = 0; i < EntryStore.LOOSE + 10; i++) first.put("key" + i, payload);
    first.trim();
    long now = System.currentTimeMillis();
    for (Path p : entries()) Files.setLastModifiedTime(p, FileTime.fromMillis(now - 2_000_000));
    age("key0", now - 2_500_000);
    Path pack = packs().get(0);
    Files.setLastModifiedTime(pack, FileTime.fromMillis(now - 3_000_000));
    long all = Files.size(pack) + EntryStore.LOOSE * 112L;
    EntryStore second = EntryStore.open(dir, all);
    assertArrayEquals(payload, second.get("key" + (EntryStore.LOOSE + 5)));
    second.put("new", payload);
    second.trim();
    assertTrue(Files.exists(pack));
    assertNull(second.get("key0"));
    assertArrayEquals(payload, second.get("key" + (EntryStore.LOOSE + 9)));
  }

  private void age(String key, long millis) throws IOException {
    String hash = EntryStore.hash(key);
    Files.setLastModifiedTime(dir.resolve(hash.substring(0, 2)).resolve(hash.substring(2)), FileTime.fromMillis(millis));
  }

  @Test
  void aDirectoryThatCannotBeMadeCannotBeOpened() throws IOException {
    Path file = Files.writeString(dir.resolve("file"), "not a directory");
    assertThrows(IOException.class, () -> EntryStore.open(file.resolve("cache"), 1 << 20));
  }
}
