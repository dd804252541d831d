package org.mmapcheck.analyzer.engine;

import org.mmapcheck.analyzer.model.ProgramModel;

/**
 * One check of the contract. Implementations carry a {@link RuleInfo}, hold no state between
 * runs, and report through the context; they must not throw on code they do not understand.
 */
public interface Rule {
  void check(ProgramModel model, RuleContext context);
}
