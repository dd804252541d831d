package org.mmapcheck.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.mmapcheck.analyzer.engine.ScanListener;

/** A progress bar on standard error, one per scan phase. */
final class Progress implements ScanListener {

  private ProgressBar bar;

  /** A bar when a person watches a terminal, else nothing. */
  static ScanListener forTerminal(boolean quiet) {
    return !quiet && System.console() != null ? new Progress() : ScanListener.NONE;
  }

  @Override
  public synchronized void phase(String name, int total) {
    if (bar != null) bar.close();
    bar =
        new ProgressBarBuilder()
            .setTaskName(name)
            .setInitialMax(total)
            .setStyle(ProgressBarStyle.ASCII)
            .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(System.err))
            .setUpdateIntervalMillis(200)
            .build();
  }

  @Override
  public void step() {
    ProgressBar b = bar;
    if (b != null) b.step();
  }

  @Override
  public synchronized void done() {
    if (bar != null) bar.close();
    bar = null;
  }
}
