package org.mmapcheck.analyzer.frontend;

/**
 * Strings for runs of characters, handed out again while their slot keeps them: a file names the
 * same few identifiers over and over, and a lexer that makes a string of each one spends most of
 * its time making them. Each slot keeps the last string of its hash. Not thread-safe: one per pass.
 */
final class RecentNames {

  private final String[] slots = new String[1 << 12];

  /** The string of text[start, end). */
  String of(char[] text, int start, int end) {
    int hash = 0;
    for (int k = start; k < end; k++) hash = 31 * hash + text[k];
    int slot = (hash ^ (hash >>> 16)) & (slots.length - 1);
    String kept = slots[slot];
    if (kept != null && kept.length() == end - start && kept.hashCode() == hash && same(kept, text, start)) return kept;
    return slots[slot] = new String(text, start, end - start);
  }

  private static boolean same(String kept, char[] text, int start) {
    for (int k = 0; k < kept.length(); k++) if (kept.charAt(k) != text[start + k]) return false;
    return true;
  }
}
