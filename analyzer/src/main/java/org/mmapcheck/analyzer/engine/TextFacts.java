package org.mmapcheck.analyzer.engine;

import java.util.List;
import org.mmapcheck.analyzer.model.Demand;

/**
 * What the text pass learns from one file's bytes: its length, whether it is binary, which
 * trigger words it names (a bit per word), and what it defines, or null when that was not asked.
 */
public record TextFacts(int length, boolean binary, int triggers, List<Demand> definitions) {}
