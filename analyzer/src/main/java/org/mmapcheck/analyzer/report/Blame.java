package org.mmapcheck.analyzer.report;

/**
 * The commit that last touched a finding's line, as blame finds it at the revision where the
 * finding appeared; or, where the history cannot say, why not.
 *
 * @param id null when not known
 * @param date the author's date, as the author's clock read it (yyyy-mm-dd)
 * @param unknown null when known: why the history cannot say (a shallow clone, no such line)
 */
public record Blame(String id, String date, String subject, String unknown) {

  static Blame unknown(String why) {
    return new Blame(null, null, null, why);
  }

  public String shortId() {
    return id == null ? null : id.substring(0, Math.min(12, id.length()));
  }
}
