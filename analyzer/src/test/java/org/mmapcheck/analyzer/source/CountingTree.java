package org.mmapcheck.analyzer.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A tree that counts what is read from it, and passes on the names of contents, for cache tests. */
public final class CountingTree extends ForwardingTree {

  private final Set<String> reads = ConcurrentHashMap.newKeySet();

  public CountingTree(SourceTree tree) {
    super(tree);
  }

  /** The paths read so far. */
  public Set<String> reads() {
    return reads;
  }

  @Override
  public ByteBuffer read(String path) throws IOException {
    reads.add(path);
    return tree.read(path);
  }
}
