package org.mmapcheck.analyzer.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.mmapcheck.analyzer.model.FileModel;

/** Parses ahead only while let, each file once, and never holds up the loader. */
class PrefetchTest {

  private static final Duration LIMIT = Duration.ofSeconds(10);

  /** Counts the parses of each file; each gives a parse of its own. */
  private final Map<String, Integer> parses = new ConcurrentHashMap<>();

  private ScanCache.Parsed parse(String path) {
    parses.merge(path, 1, Integer::sum);
    return new ScanCache.Parsed(new FileModel(path, List.of(), List.of(), Map.of(), List.of(), List.of(), 0), false);
  }

  /** Waits until the files given are parsed, or fails. */
  private void awaitParsed(String... paths) throws InterruptedException {
    long until = System.nanoTime() + LIMIT.toNanos();
    while (!parses.keySet().containsAll(List.of(paths))) {
      if (System.nanoTime() > until) throw new AssertionError("not parsed ahead: " + List.of(paths) + ", parsed " + parses);
      Thread.sleep(5);
    }
  }

  @Test
  void parsesNothingUntilLetGoAndThenEachCandidateOnce() throws InterruptedException {
    try (Prefetch ahead = new Prefetch(() -> List.of("a.c", "b.c"), this::parse, null)) {
      Thread.sleep(100);
      assertEquals(Map.of(), parses, "parsed before it was let go on");
      ahead.open(true);
      awaitParsed("a.c", "b.c");
      ScanCache.Parsed a = ahead.take("a.c");
      assertEquals("a.c", a.model().path());
      assertSame(a, ahead.take("a.c"));
      assertEquals(Map.of("a.c", 1, "b.c", 1), parses);
    }
  }

  @Test
  void aFileTheLoaderTakesFirstIsNeverParsedAhead() throws InterruptedException {
    try (Prefetch ahead = new Prefetch(() -> List.of("a.c", "b.c"), this::parse, null)) {
      assertNull(ahead.take("a.c"), "nothing was parsed ahead yet");
      ahead.open(true);
      awaitParsed("b.c");
      Thread.sleep(50);
      assertEquals(Map.of("b.c", 1), parses);
    }
  }

  @Test
  void stopsBeforeItsNextFileWhenHeldBack() throws InterruptedException {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try (Prefetch ahead =
        new Prefetch(
            () -> List.of("slow.c", "next.c"),
            path -> {
              started.countDown();
              try {
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return parse(path);
            },
            null)) {
      ahead.open(true);
      assertTrue(started.await(LIMIT.toMillis(), TimeUnit.MILLISECONDS), "not started");
      ahead.open(false);
      release.countDown();
      // The loader waits for a parse under way rather than making it again.
      assertEquals("slow.c", assertTimeoutPreemptively(LIMIT, () -> ahead.take("slow.c")).model().path());
      Thread.sleep(100);
      assertEquals(Map.of("slow.c", 1), parses, "went on while held back");
    }
  }

  @Test
  void aParseThatFailsAheadIsLeftToTheLoader() throws InterruptedException {
    CountDownLatch tried = new CountDownLatch(2);
    try (Prefetch ahead =
        new Prefetch(
            () -> List.of("odd.c", "deep.c"),
            path -> {
              tried.countDown();
              if (path.equals("odd.c")) throw new IllegalStateException("parser defect");
              throw new StackOverflowError();
            },
            null)) {
      ahead.open(true);
      assertTrue(tried.await(LIMIT.toMillis(), TimeUnit.MILLISECONDS), "not tried ahead");
      assertTimeoutPreemptively(
          LIMIT,
          () -> {
            assertNull(ahead.take("odd.c"));
            assertNull(ahead.take("deep.c"));
          });
    }
  }

  @Test
  void runsItsWorkAfterTheCandidatesOnlyOnceLetGoOn() throws InterruptedException {
    CountDownLatch done = new CountDownLatch(1);
    try (Prefetch ahead = new Prefetch(() -> List.of("a.c"), this::parse, done::countDown)) {
      assertFalse(done.await(100, TimeUnit.MILLISECONDS), "ran before it was let go on");
      ahead.open(true);
      assertTrue(done.await(LIMIT.toMillis(), TimeUnit.MILLISECONDS), "never ran");
      assertEquals(Map.of("a.c", 1), parses, "ran before the candidates were done");
    }
  }

  @Test
  void runsNoWorkOnceClosed() throws InterruptedException {
    CountDownLatch done = new CountDownLatch(1);
    Prefetch ahead = new Prefetch(() -> List.of("a.c"), this::parse, done::countDown);
    ahead.close();
    ahead.open(true);
    assertFalse(done.await(200, TimeUnit.MILLISECONDS), "ran after it was closed");
  }
}
