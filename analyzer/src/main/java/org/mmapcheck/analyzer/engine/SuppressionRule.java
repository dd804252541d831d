package org.mmapcheck.analyzer.engine;

import java.util.List;
import org.mmapcheck.analyzer.model.ProgramModel;

/**
 * A rule over the {@code mmapcheck-ignore} comments, not the program. It runs after the other
 * rules, whose findings decide which files' comments are read: only there can a suppression act.
 */
public interface SuppressionRule extends Rule {

  /** Nothing to check in the program itself. */
  @Override
  default void check(ProgramModel model, RuleContext context) {}

  void check(List<Suppression> suppressions, RuleContext context);
}
