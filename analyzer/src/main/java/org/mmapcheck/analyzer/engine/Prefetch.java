package org.mmapcheck.analyzer.engine;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Parses, on a thread of its own, files the loader is likely to ask for, and only while the
 * loader lets it: while it works out its next round on one thread and the pool's cores wait. A
 * file parsed ahead is taken by the loader instead of parsing it again; one the loader never
 * asks for is dropped, so the model holds the files the loader asked for, whatever was parsed
 * ahead. Each file is parsed once: by whichever of the two claims it first.
 */
final class Prefetch implements AutoCloseable {

  private final Supplier<List<String>> candidates;
  private final Function<String, ScanCache.Parsed> parse;
  /** Run once the candidates are done, in a time the loader lets the thread go on; or null. */
  private final Runnable afterwards;
  private final Map<String, CompletableFuture<ScanCache.Parsed>> claimed = new ConcurrentHashMap<>();
  private boolean open;
  private boolean closed;
  /** Candidates not yet parsed ahead or claimed by the loader; -1 until they are worked out. */
  private int pending = -1;

  /**
   * Starts the thread, which works out the candidates, in order, then waits to be let go on.
   *
   * @param parse a file's parse, or null when it has none without a note (the loader's own
   *     parse of it then says why)
   * @param afterwards work for the thread once every candidate is done, or null
   */
  Prefetch(Supplier<List<String>> candidates, Function<String, ScanCache.Parsed> parse, Runnable afterwards) {
    this.candidates = candidates;
    this.parse = parse;
    this.afterwards = afterwards;
    Thread worker = new Thread(this::work, "mmapcheck-prefetch");
    worker.setDaemon(true);
    worker.start();
  }

  /** Lets the thread go on with the next candidate (true), or stop before it (false). */
  synchronized void open(boolean open) {
    this.open = open;
    notifyAll();
  }

  /** The file's parse, if it was made ahead (waiting for one under way); else null, and it never will be. */
  ScanCache.Parsed take(String path) {
    CompletableFuture<ScanCache.Parsed> ahead = claimed.putIfAbsent(path, CompletableFuture.completedFuture(null));
    return ahead == null ? null : ahead.join();
  }

  /** For tests: waits until every candidate was parsed ahead or claimed by the loader. */
  synchronized void awaitAll() {
    try {
      while (pending != 0 && !closed) wait();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void work() {
    Deque<String> queue = new ArrayDeque<>();
    try {
      queue.addAll(candidates.get());
    } catch (RuntimeException e) {
      // nothing to parse ahead: the loader parses every file itself
    }
    synchronized (this) {
      pending = queue.size();
      notifyAll();
    }
    for (String path = next(queue); path != null; path = next(queue)) {
      CompletableFuture<ScanCache.Parsed> mine = new CompletableFuture<>();
      if (claimed.putIfAbsent(path, mine) == null) {
        ScanCache.Parsed parsed = null;
        try {
          parsed = parse.apply(path);
        } catch (RuntimeException | Error e) {
          // none: the loader parses the file itself, and says what went wrong
        } finally {
          mine.complete(parsed);
        }
      }
      synchronized (this) {
        pending--;
        notifyAll();
      }
    }
    // next() gave null: closed, or let go on with no candidate left.
    if (afterwards != null && !isClosed()) {
      try {
        afterwards.run();
      } catch (RuntimeException | Error e) {
        // it only saves its caller time: the caller does the work itself later
      }
    }
  }

  private synchronized boolean isClosed() {
    return closed;
  }

  /** The next candidate once the thread may go on; null when there is none or it is closed. */
  private synchronized String next(Deque<String> queue) {
    while (!open && !closed) {
      try {
        wait();
      } catch (InterruptedException e) {
        return null;
      }
    }
    return closed ? null : queue.poll();
  }

  /** Stops the thread before its next file; a parse under way ends on its own and is dropped. */
  @Override
  public synchronized void close() {
    closed = true;
    notifyAll();
  }
}
