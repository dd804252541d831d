package org.mmapcheck.analyzer.engine;

/** Hears how far a scan has got, for a progress display. Called from worker threads. */
public interface ScanListener {

  ScanListener NONE = new ScanListener() {};

  /** A new phase begins with this many units of work, or -1 when that is not known yet. */
  default void phase(String name, int total) {}

  /** One more unit of the current phase is done. */
  default void step() {}

  /** The scan is over. */
  default void done() {}
}
