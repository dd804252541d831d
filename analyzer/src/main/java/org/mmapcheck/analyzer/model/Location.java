package org.mmapcheck.analyzer.model;

/** A place in a source file: a path relative to the tree root, with 1-based line and column. */
public record Location(String file, int line, int column, int endLine, int endColumn)
    implements Comparable<Location> {

  public static Location at(String file, int line, int column) {
    return new Location(file, line, column, line, column);
  }

  @Override
  public int compareTo(Location o) {
    int c = file.compareTo(o.file);
    if (c != 0) return c;
    c = Integer.compare(line, o.line);
    return c != 0 ? c : Integer.compare(column, o.column);
  }

  @Override
  public String toString() {
    return file + ":" + line + ":" + column;
  }
}
