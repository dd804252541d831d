package org.mmapcheck.analyzer.source;

import java.io.IOException;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/** A tree without the files at or under some paths: to a scan, they are not there. */
public final class SkippingTree extends ForwardingTree {

  private final List<String> skipped;

  /** @param skipped relative paths, '/'-separated, without a trailing '/' */
  public SkippingTree(SourceTree tree, List<String> skipped) {
    super(tree);
    this.skipped = List.copyOf(skipped);
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

  private boolean isSkipped(String path) {
    for (String s : skipped) if (path.equals(s) || path.startsWith(s + "/")) return true;
    return false;
  }
}
