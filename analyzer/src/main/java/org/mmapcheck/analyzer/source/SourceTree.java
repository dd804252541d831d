package org.mmapcheck.analyzer.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A kernel source tree to scan: a directory on disk, or any other store of files (a git commit,
 * an archive). It lists only C sources (names ending in .c or .h), the only files a scan reads.
 * Paths are relative to the tree root and use '/'. Safe for use from many threads.
 */
public interface SourceTree {

  /** What to call the tree in messages and reports: a directory path, a commit, ... */
  String description();

  /** Every C source under the given relative prefixes ("" for all), sorted. */
  List<String> files(List<String> prefixes) throws IOException;

  /**
   * Hands every C source under the prefixes to the visitor, in no set order and possibly from
   * several threads at once, as soon as it is found: a tree that can list in parallel overrides this.
   */
  default void walk(List<String> prefixes, Consumer<String> visitor) throws IOException {
    for (String f : files(prefixes)) visitor.accept(f);
  }

  /**
   * As {@link #walk(List, Consumer)}, and hands each entry that is left out or read under an
   * inexact name (a directory that cannot be listed, a source that is not a regular file, a name
   * the platform cannot spell) to the second visitor, with a sentence saying why.
   */
  default void walk(List<String> prefixes, Consumer<String> visitor, BiConsumer<String, String> problems)
      throws IOException {
    walk(prefixes, visitor);
  }

  /**
   * The file's bytes, from position 0 to the limit. The buffer may be reused by the next read on
   * the same thread, so use it up before then.
   */
  ByteBuffer read(String path) throws IOException;

  /**
   * A name for the file's content known without reading it, such as its git blob id, once a walk
   * has listed it; null when the tree knows none. Caches key what they keep by it.
   */
  default String contentId(String path) {
    return null;
  }

  /**
   * A name for the file as it is on disk, from its stat data, once a walk has listed it: it
   * changes whenever the content does (as git status trusts); null when the tree keeps none, or
   * the file changed too lately to tell. Caches key what they keep by it when there is no {@link
   * #contentId}.
   */
  default String statId(String path) {
    return null;
  }

  /**
   * A name for the C sources directly in the directory ("" for the top) known without reading
   * them: their names and content ids, as a walk listed them; or, for a tree that names files by
   * {@link #statId}, the directory's place on disk. Null when the tree knows none.
   */
  default String directoryId(String dir) {
    return null;
  }

  /** The directory of a path, as {@link #directoryId} names it: "" for a file at the top. */
  static String directoryOf(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }

  static boolean isSource(String name) {
    return name.endsWith(".c") || name.endsWith(".h");
  }
}
