package org.mmapcheck.analyzer.report;

/**
 * Makes untrusted text (file names, names and strings from kernel source) safe for one line of a
 * terminal: a newline in a file name could forge a diagnostic line, an escape sequence could
 * rewrite the screen, a bidirectional override could reorder what is read. Control characters
 * become C escapes ({@code \n}, {@code \033}), invisible format characters {@code \u202e}.
 */
public final class TextEscape {

  private TextEscape() {}

  public static String escape(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      String escaped = escaped(c);
      if (escaped == null) {
        if (out != null) out.append(c);
        continue;
      }
      if (out == null) out = new StringBuilder(text.length() + 8).append(text, 0, i);
      out.append(escaped);
    }
    return out == null ? text : out.toString();
  }

  private static String escaped(char c) {
    switch (c) {
      case '\n':
        return "\\n";
      case '\r':
        return "\\r";
      case '\t':
        return "\\t";
      default:
        break;
    }
    if (Character.isISOControl(c)) return String.format("\\%03o", (int) c);
    int type = Character.getType(c);
    if (type == Character.FORMAT || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR)
      return String.format("\\u%04x", (int) c);
    return null;
  }
}
