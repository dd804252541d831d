package org.mmapcheck.analyzer.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A tree that hands every question to another. A wrapper overrides what it changes; a question
 * {@link SourceTree} gains reaches the wrapped tree without each wrapper learning it (a wrapper
 * that missed one would answer with the interface's default: for the content ids, null, and no
 * cache for the wrapped tree's files).
 */
public abstract class ForwardingTree implements SourceTree {

  protected final SourceTree tree;

  protected ForwardingTree(SourceTree tree) {
    this.tree = tree;
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
  public void walk(List<String> prefixes, Consumer<String> visitor, BiConsumer<String, String> problems)
      throws IOException {
    tree.walk(prefixes, visitor, problems);
  }

  @Override
  public ByteBuffer read(String path) throws IOException {
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
