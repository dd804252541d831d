package org.mmapcheck.analyzer.testrules;

import org.mmapcheck.analyzer.engine.Precision;
import org.mmapcheck.analyzer.engine.Rule;
import org.mmapcheck.analyzer.engine.RuleContext;
import org.mmapcheck.analyzer.engine.RuleInfo;
import org.mmapcheck.analyzer.engine.Severity;
import org.mmapcheck.analyzer.model.ProgramModel;

/** A rule with a defect, to show one rule's failure does not end the scan. */
@RuleInfo(
    id = "test/throws",
    summary = "always fails",
    severity = Severity.ERROR,
    severity2012 = Severity.ERROR,
    precision = Precision.LOW,
    clause = "none")
public final class ThrowingRule implements Rule {
  @Override
  public void check(ProgramModel model, RuleContext context) {
    throw new IllegalStateException("rule defect");
  }
}
