package org.mmapcheck.analyzer.model;

/**
 * Functions the analysis reads from the tables of one ops type: those held in {@code field} of
 * every table of {@code type}, and what they call. The loader loads them wherever they are
 * defined, so that what is read never depends on how the code is split across files.
 */
public record Callbacks(String type, String field) {}
