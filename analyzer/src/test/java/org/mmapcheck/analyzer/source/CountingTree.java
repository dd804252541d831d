package org.mmapcheck.analyzer.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/** A tree that counts what is read from it, and passes on the names of contents, for cache tests. */
public record CountingTree(SourceTree tree, Set<String> reads) implements SourceTree {

  public CountingTree(SourceTree tree) {
    this(tree, ConcurrentHashMap.newKeySet());
  }

  @Override
  public String description() {
    return tree.description();
  }

  @Override
  public List<String> files(List<String> prefixes) throws IOException {
    return tree.files(prefixes);
  }

  @Override
  public void walk(List<String> prefixes, Consumer<String> visitor, BiConsumer<String, String> problems) throws IOException {
    tree.walk(prefixes, visitor, problems);
  }

  @Override
  public ByteBuffer read(String path) throws IOException {
    reads.add(path);
    return tree.read(path);
  }

  @Override
  public String contentId(String path) {
    return tree.contentId(path);
  }

  @Override
  public String statId(String path) {
    return tree.statId(path);
  }

  @Override
  public String directoryId(String dir) {
    return tree.directoryId(dir);
  }
}
