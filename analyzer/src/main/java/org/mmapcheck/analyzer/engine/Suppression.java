package org.mmapcheck.analyzer.engine;

import java.util.List;
import org.mmapcheck.analyzer.model.Location;

/**
 * One {@code mmapcheck-ignore RULE[, RULE...]: REASON} comment. It silences the named rules'
 * findings on the line it reaches, or anywhere in the function whose head that line belongs to.
 *
 * @param at where the comment's {@code mmapcheck-ignore} stands
 * @param rules the rules it names, by their ids (an alias is read as its rule)
 * @param unknownRules names that are no rule's id or alias
 * @param reason the text after the colon; empty when there is none
 * @param reaches the line it applies to: its own, or for a comment on lines of its own, the next
 *     line of code
 */
public record Suppression(Location at, List<String> rules, List<String> unknownRules, String reason, int reaches) {

  /** Whether it names known rules only, at least one, and says why: only then does it silence anything. */
  public boolean valid() {
    return !rules.isEmpty() && unknownRules.isEmpty() && !reason.isBlank();
  }
}
