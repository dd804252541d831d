package org.mmapcheck.analyzer.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/** A tree without the files at or under some paths: to a scan, they are not there. */
public final class SkippingTree implements SourceTree {

  private final SourceTree tree;
  private final List<String> skipped;

  /** @param skipped relative paths, '/'-separated, without a trailing '/' */
  public SkippingTree(SourceTree tree, List<String> skipped) {
    this.tree = tree;
    this.skipped = List.copyOf(skipped);
  }

  @Override
  public String description() {
    return tree.description();
  }

  @Override
  public List<String> files(List<String> prefixes) throws IOException {
    return tree.files(prefixes).stream().filter(p -> !isSkipped(p)).toList();
  }

  @Override
  public void walk(List<String> prefixes, Consumer<String> visitor, BiConsumer<String, String> problems)
      throws IOException {
    // Through the wrapped tree's own walk, so that it stays parallel and says what it leaves out.
    tree.walk(
        prefixes,
        path -> {
          if (!isSkipped(path)) visitor.accept(path);
        },
        (path, why) -> {
          if (!isSkipped(path)) problems.accept(path, why);
        });
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

  private boolean isSkipped(String path) {
    for (String s : skipped) if (path.equals(s) || path.startsWith(s + "/")) return true;
    return false;
  }
}
