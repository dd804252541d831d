package org.mmapcheck.analyzer.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountedCompleter;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * What the trees that list in parallel (DirectoryTree, GitTree, GitWorkTree) share: running a
 * listing task, a leaf task per file, and a sorted listing.
 */
final class ParallelWalk {

  private ParallelWalk() {}

  /**
   * Runs the task in the caller's fork-join pool if it runs in one, else in the common pool; an
   * IOException the task wrapped to cross threads comes out as itself.
   */
  static void run(ForkJoinTask<?> task) throws IOException {
    try {
      if (ForkJoinTask.inForkJoinPool()) task.invoke();
      else ForkJoinPool.commonPool().invoke(task);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** Every file the tree's walk hands over, sorted; what it leaves out is not asked for. */
  static List<String> sorted(SourceTree tree, List<String> prefixes) throws IOException {
    Queue<String> out = new ConcurrentLinkedQueue<>();
    tree.walk(prefixes, out::add, (path, why) -> {});
    List<String> sorted = new ArrayList<>(out);
    Collections.sort(sorted);
    return sorted;
  }

  /**
   * A leaf task: one file handed to the visitor. Forked by a listing that does not wait for it
   * (it completes when its children have), so a deep tree takes no stack.
   */
  static final class Visit extends CountedCompleter<Void> {
    private final Runnable work;

    Visit(CountedCompleter<?> parent, Runnable work) {
      super(parent);
      this.work = work;
    }

    @Override
    public void compute() {
      work.run();
      tryComplete();
    }
  }
}
