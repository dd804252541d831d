package org.mmapcheck.analyzer.engine;

import java.util.List;
import org.mmapcheck.analyzer.frontend.TableMacros;

/**
 * What the text pass learns from one file's bytes: its length, whether it is binary, which
 * trigger words it names (a bit per word), what it defines, as the definitions index's 64-bit
 * hashes (a tree's worth of names as strings would fill the heap), and the macros it defines
 * that may fill in ops tables; each of the last two null when it was not asked. (Records compare
 * arrays by identity: compare the hashes with {@link java.util.Arrays#equals}.)
 */
public record TextFacts(
    int length, boolean binary, int triggers, long[] definitions, List<TableMacros.Definition> macros) {

  /** Whether the definitions index and the trigger words take nothing from the file. */
  public boolean indexesNothing() {
    return !binary
        && triggers == 0
        && (definitions == null || definitions.length == 0)
        && (macros == null || macros.isEmpty());
  }
}
