package org.mmapcheck.analyzer.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
      return files.filter(Files::isRegularFile).toList();
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
