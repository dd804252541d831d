package org.mmapcheck.analyzer.engine;

import java.util.List;
import org.mmapcheck.analyzer.frontend.TableMacros;
import org.mmapcheck.analyzer.model.Demand;

/**
 * What the text pass learns from one file's bytes: its length, whether it is binary, which
 * trigger words it names (a bit per word), what it defines, and the macros it defines that may
 * fill in ops tables; each of the last two null when it was not asked.
 */
public record TextFacts(
    int length, boolean binary, int triggers, List<Demand> definitions, List<TableMacros.Definition> macros) {}
