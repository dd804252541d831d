package org.mmapcheck.analyzer.engine;

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
        public TextFacts text(SourceTree tree, String path) {
          return null;
        }

        @Override
        public void keepText(SourceTree tree, String path, TextFacts facts) {}

        @Override
        public Parsed parsed(SourceTree tree, String path, ScanOptions options, String macros) {
          return null;
        }

        @Override
        public void keepParsed(SourceTree tree, String path, ScanOptions options, String macros, Parsed parsed) {}

        @Override
        public void flush() {}
      };

  /** A file's parse: its model, and whether it was read as Latin-1 for want of valid UTF-8. */
  record Parsed(FileModel model, boolean latin1) {}

  /** The text facts of the file, if the cache holds them for its content; else null. */
  TextFacts text(SourceTree tree, String path);

  /** Keeps the facts worked out from a file's bytes, to write them out at {@link #flush}. */
  void keepText(SourceTree tree, String path, TextFacts facts);

  /**
   * The file's parse under these options, by a parser given these table macros (their stubs, as
   * text; empty for none), if the cache holds it; else null.
   */
  Parsed parsed(SourceTree tree, String path, ScanOptions options, String macros);

  void keepParsed(SourceTree tree, String path, ScanOptions options, String macros, Parsed parsed);

  /** Writes out what was kept since the last flush. */
  void flush() throws java.io.IOException;
}
