package org.mmapcheck.analyzer.engine;

import java.io.IOException;
import java.util.List;
import org.mmapcheck.analyzer.model.FileModel;
import org.mmapcheck.analyzer.source.SourceTree;

/**
 * Keeps what a scan derives from a file's content for the next scan of the same content, so that
 * it need not read or parse the file again. A cache never changes a result: it answers only for
 * content it has seen, and null when in doubt. Safe for use from many threads.
 */
public interface ScanCache {

  /** No cache: everything is read and parsed. */
  ScanCache NONE =
      new ScanCache() {
        @Override
        public TextFacts text(SourceTree tree, String path, String words) {
          return null;
        }

        @Override
        public void keepText(SourceTree tree, String path, String words, TextFacts facts) {}

        @Override
        public Parsed parsed(String content, String path, ScanOptions options, String macros) {
          return null;
        }

        @Override
        public void keepParsed(String content, String path, ScanOptions options, String macros, Parsed parsed) {}

        @Override
        public void flush() {}
      };

  /** A file's parse: its model, and whether it was read as Latin-1 for want of valid UTF-8. */
  record Parsed(FileModel model, boolean latin1) {}

  /**
   * Runs the text pass over the tree through what the cache kept of whole subtrees, for a tree
   * that names them (a git commit's): the pass is given every source under the prefixes, kept
   * ones by {@link TextPass#kept} and {@link TextPass#plain}, the others (of subtrees not seen
   * before) by {@link TextPass#read}, whose facts the cache then keeps. False, having done nothing,
   * for a tree that names no subtrees: the scan then walks it file by file. Runs in the caller's
   * fork-join pool. The facts are kept for the pass's trigger words ({@code words}).
   */
  default boolean textPass(SourceTree tree, List<String> prefixes, String words, TextPass pass) throws IOException {
    return false;
  }

  /**
   * The text pass's side of {@link #textPass}, safe from many threads. A file's facts must follow
   * from its path, its content and the trigger words alone: that is what the cache keys them by.
   */
  interface TextPass {
    /** Reads the source and indexes its facts; null when it cannot be read (the pass notes why). */
    TextFacts read(String path);

    /** Indexes facts the cache kept for the source. */
    void kept(String path, TextFacts facts);

    /** Counts sources the cache kept as {@link TextFacts#indexesNothing}: so many, of so many bytes. */
    void plain(int files, long bytes);

    /** A source left out, and why. */
    void problem(String path, String why);
  }

  /**
   * The text facts of the file, if the cache holds them for its content and the pass's trigger
   * words ({@code words}, which its bits stand for); else null.
   */
  TextFacts text(SourceTree tree, String path, String words);

  /** Keeps the facts worked out from a file's bytes, to write them out at {@link #flush}. */
  void keepText(SourceTree tree, String path, String words, TextFacts facts);

  /**
   * The parse of the file at the path with this content (its git blob id), under these options,
   * by a parser given these table macros (their stubs, as text; empty for none), if the cache
   * holds it; else null.
   */
  Parsed parsed(String content, String path, ScanOptions options, String macros);

  void keepParsed(String content, String path, ScanOptions options, String macros, Parsed parsed);

  /**
   * The findings an earlier scan of the same tree gave under these settings (a text that names
   * all else a scan's findings follow from), if the cache holds them; else null. Only a tree that
   * names its whole content (a git commit's) has them.
   */
  default List<Finding> findings(SourceTree tree, String settings) {
    return null;
  }

  /** Keeps a whole scan's findings for {@link #findings}. */
  default void keepFindings(SourceTree tree, String settings, List<Finding> findings) {}

  /** Writes out what was kept since the last flush. */
  void flush() throws IOException;
}
