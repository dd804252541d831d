package org.mmapcheck.analyzer.report;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mmapcheck.analyzer.source.SourceTree;

/**
 * Files' lines as a report reads them again from the tree a scan read (a directory, a git
 * revision), each file once: for the excerpts a page shows and the statements findings are keyed by.
 */
final class TreeLines {

  private final SourceTree tree;
  private final Map<String, List<String>> files = new HashMap<>();

  TreeLines(SourceTree tree) {
    this.tree = tree;
  }

  /**
   * The file's lines, split at '\n' only, as the parser counts them; none when it cannot be read
   * again (gone or changed on disk since the scan), so a report goes without rather than fails.
   */
  List<String> of(String file) {
    return files.computeIfAbsent(file, this::read);
  }

  private List<String> read(String file) {
    try {
      return split(tree.read(file));
    } catch (IOException e) {
      return List.of();
    }
  }

  static List<String> split(ByteBuffer content) {
    // Malformed bytes become U+FFFD: the lines are for reading, and the scan said what it could not decode.
    String text = new String(content.array(), 0, content.limit(), StandardCharsets.UTF_8);
    String[] lines = text.split("\n", -1);
    // The text after a final newline is no line.
    int n = text.endsWith("\n") ? lines.length - 1 : lines.length;
    return List.of(Arrays.copyOf(lines, n));
  }
}
