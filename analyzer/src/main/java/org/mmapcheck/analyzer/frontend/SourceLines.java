package org.mmapcheck.analyzer.frontend;

import java.util.ArrayList;
import java.util.List;

/**
 * A C file's lines as far as comments go: which lines hold code, and the comment text on each,
 * told apart from string and character literals. Read only for the few files whose comments
 * matter (those with findings), so it favours plainness over speed.
 */
public final class SourceLines {

  /** The part of a comment on one line, without its delimiters; line and column are 1-based. */
  public record Comment(int line, int column, String text) {}

  /** What one line holds outside comments: its first and last code characters (0 if none), and a '{'. */
  private record Line(char first, char last, boolean brace, boolean comment) {}

  private final List<Line> lines = new ArrayList<>();
  private final List<Comment> comments = new ArrayList<>();

  private SourceLines() {}

  public static SourceLines of(String text) {
    SourceLines out = new SourceLines();
    boolean inBlock = false;
    int number = 0;
    for (String line : text.split("\n", -1)) {
      number++;
      if (line.endsWith("\r")) line = line.substring(0, line.length() - 1);
      inBlock = out.scan(line, number, inBlock);
    }
    return out;
  }

  /** Reads one line; returns whether a block comment is still open at its end. */
  private boolean scan(String line, int number, boolean inBlock) {
    char first = 0;
    char last = 0;
    boolean brace = false;
    boolean comment = false;
    int i = 0;
    int n = line.length();
    while (i < n) {
      if (inBlock) {
        int close = line.indexOf("*/", i);
        int end = close < 0 ? n : close;
        comments.add(new Comment(number, i + 1, line.substring(i, end)));
        comment = true;
        if (close < 0) break;
        inBlock = false;
        i = close + 2;
        continue;
      }
      char c = line.charAt(i);
      if (c == '/' && i + 1 < n && line.charAt(i + 1) == '/') {
        comments.add(new Comment(number, i + 3, line.substring(i + 2)));
        comment = true;
        break;
      }
      if (c == '/' && i + 1 < n && line.charAt(i + 1) == '*') {
        inBlock = true;
        i += 2;
        continue;
      }
      if (!Character.isWhitespace(c)) {
        if (first == 0) first = c;
        last = c;
        brace |= c == '{';
      }
      i = c == '"' || c == '\'' ? endOfLiteral(line, i) : i + 1;
    }
    // A block comment opened on a line and left open makes that line a comment line too.
    lines.add(new Line(first, last, brace, comment || inBlock));
    return inBlock;
  }

  /** The index after the literal that opens at {@code open}, or the line's end if it is not closed there. */
  private static int endOfLiteral(String line, int open) {
    char quote = line.charAt(open);
    for (int i = open + 1; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\') i++;
      else if (c == quote) return i + 1;
    }
    return line.length();
  }

  public List<Comment> comments() {
    return comments;
  }

  public int count() {
    return lines.size();
  }

  /** Whether the 1-based line holds anything but comments and white space. */
  public boolean hasCode(int line) {
    return firstCode(line) != 0;
  }

  /** Whether the line holds nothing at all: no code, no comment. */
  public boolean isBlank(int line) {
    return !hasCode(line) && !get(line).comment();
  }

  public char firstCode(int line) {
    return get(line).first();
  }

  public char lastCode(int line) {
    return get(line).last();
  }

  /** Whether the line's code holds a '{'. */
  public boolean opensBrace(int line) {
    return get(line).brace();
  }

  private Line get(int line) {
    return line >= 1 && line <= lines.size() ? lines.get(line - 1) : new Line((char) 0, (char) 0, false, false);
  }
}
