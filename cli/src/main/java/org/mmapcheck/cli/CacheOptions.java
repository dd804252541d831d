package org.mmapcheck.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import org.mmapcheck.analyzer.Version;
import org.mmapcheck.analyzer.cache.ContentCache;
import org.mmapcheck.analyzer.cache.EntryStore;
import org.mmapcheck.analyzer.engine.ScanCache;
import org.mmapcheck.analyzer.source.DirectoryTree;
import picocli.CommandLine.Option;

/** The cache of what scans derive from files: shared by the commands that scan. */
final class CacheOptions {

  @Option(
      names = "--cache",
      paramLabel = "DIR",
      description = "Keep what scans derive from files in DIR (by git blob id, or for a directory's files by their stat data, as git status tells an unchanged file), so later scans read and parse only what they have not seen; a directory scan still reads the files it parses (default: $XDG_CACHE_HOME/mmapcheck, else ~/.cache/mmapcheck).")
  Path dir;

  @Option(names = "--no-cache", description = "Use no cache: read and parse every file.")
  boolean off;

  @Option(
      names = "--cache-max-size",
      paramLabel = "SIZE",
      description = "Bound on the cache's size, in bytes or with K, M or G; the entries used longest ago are dropped first (default: ${DEFAULT-VALUE}).")
  String maxSize = "1G";

  /**
   * The cache for a run; closing it keeps the store within its bound. Until then, a run stopped
   * by a signal keeps the entries it wrote ({@code onExit} puts its pack in place).
   */
  record Opened(ScanCache cache, EntryStore store, Thread onExit) implements AutoCloseable {
    @Override
    public void close() {
      if (store == null) return;
      try {
        Runtime.getRuntime().removeShutdownHook(onExit);
      } catch (IllegalStateException e) {
        // the JVM is exiting: the hook puts the pack in place
      }
      try {
        store.trim();
      } catch (IOException e) {
        // Over its bound until the next run trims it; the results stand.
      }
    }
  }

  /** A directory to scan: its files named by their stat data for the cache, by nothing without one. */
  DirectoryTree directory(Path root) {
    return off ? new DirectoryTree(root) : DirectoryTree.namingByStat(root);
  }

  /**
   * The cache, or none: with --no-cache, or, after one line on standard error, when its
   * directory cannot be made or written (the scan goes on without it).
   */
  Opened open(PrintWriter err) {
    long max = bytes(maxSize);
    if (off) return new Opened(ScanCache.NONE, null, null);
    Path at = dir != null ? dir : defaultDir();
    try {
      EntryStore store = EntryStore.open(at, max);
      Thread onExit = new Thread(store::stop, "mmapcheck-cache");
      Runtime.getRuntime().addShutdownHook(onExit);
      return new Opened(new ContentCache(store, Version.build()), store, onExit);
    } catch (IOException | RuntimeException e) {
      String why = e instanceof IOException io ? MmapCheck.reason(io) : e.toString();
      err.println("mmapcheck: cannot use the cache " + at + " (" + why + "); scanning without it");
      err.flush();
      return new Opened(ScanCache.NONE, null, null);
    }
  }

  static Path defaultDir() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isEmpty() && Path.of(xdg).isAbsolute()) return Path.of(xdg, "mmapcheck");
    return Path.of(System.getProperty("user.home"), ".cache", "mmapcheck");
  }

  /** "1G", "500M", "64k", "1048576": binary multiples. */
  static long bytes(String size) {
    String s = size.trim().toUpperCase(Locale.ROOT);
    int shift = 0;
    if (s.endsWith("K")) shift = 10;
    else if (s.endsWith("M")) shift = 20;
    else if (s.endsWith("G")) shift = 30;
    if (shift > 0) s = s.substring(0, s.length() - 1);
    try {
      long n = Long.parseLong(s);
      if (n < 0 || n > Long.MAX_VALUE >> shift) throw new NumberFormatException();
      return n << shift;
    } catch (NumberFormatException e) {
      throw new MmapCheck.BadInputException("--cache-max-size: not a size (bytes, or a number with K, M or G): " + size);
    }
  }
}
