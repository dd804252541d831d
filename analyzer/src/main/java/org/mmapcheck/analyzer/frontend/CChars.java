package org.mmapcheck.analyzer.frontend;

/**
 * What C makes of a character, for the passes over a file's text: looked up in a table, as every
 * character of every file read is, and a chain of comparisons mispredicts.
 */
final class CChars {

  /** For each character below 128: 2 for an ASCII letter or "_", which start a C name; 1 for a digit. */
  private static final byte[] NAME = new byte[128];

  static {
    for (char c = 0; c < NAME.length; c++)
      NAME[c] = (byte) ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ? 2 : c >= '0' && c <= '9' ? 1 : 0);
  }

  private CChars() {}

  /** An ASCII letter or "_": what starts a C name, as the preprocessor reads it. */
  static boolean isNameStart(char c) {
    return c < NAME.length && NAME[c] == 2;
  }

  /** An ASCII letter, digit or "_". */
  static boolean isNamePart(char c) {
    return c < NAME.length && NAME[c] != 0;
  }

  /** As {@link #isNameStart(char)}, of a byte of the text. */
  static boolean isNameStart(byte b) {
    return b >= 0 && NAME[b] == 2;
  }

  /** As {@link #isNamePart(char)}, of a byte of the text. */
  static boolean isNamePart(byte b) {
    return b >= 0 && NAME[b] != 0;
  }

  /**
   * {@link Character#isWhitespace}, asked only of characters it may hold: none from '!' to the
   * end of Latin-1 is, and most characters of C are there.
   */
  static boolean isWhitespace(char c) {
    return (c <= ' ' || c > 0xff) && Character.isWhitespace(c);
  }
}
