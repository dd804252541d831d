package org.mmapcheck.analyzer.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A tree held in memory: proves scans need no directory. */
public final class MemoryTree implements SourceTree {

  private final Map<String, byte[]> files = new TreeMap<>();

  public MemoryTree(Map<String, String> texts) {
    texts.forEach((path, text) -> files.put(path, text.getBytes(StandardCharsets.ISO_8859_1)));
  }

  @Override
  public String description() {
    return "memory";
  }

  @Override
  public List<String> files(List<String> prefixes) {
    return files.keySet().stream()
        .filter(p -> SourceTree.isSource(p) && prefixes.stream().anyMatch(p::startsWith))
        .toList();
  }

  @Override
  public ByteBuffer read(String path) throws IOException {
    byte[] data = files.get(path);
    if (data == null) throw new NoSuchFileException(path);
    return ByteBuffer.wrap(data.clone());
  }
}
