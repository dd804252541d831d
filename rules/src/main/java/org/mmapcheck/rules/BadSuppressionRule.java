package org.mmapcheck.rules;

import java.util.ArrayList;
import java.util.List;
import org.mmapcheck.analyzer.engine.Precision;
import org.mmapcheck.analyzer.engine.RuleContext;
import org.mmapcheck.analyzer.engine.RuleInfo;
import org.mmapcheck.analyzer.engine.Severity;
import org.mmapcheck.analyzer.engine.Suppression;
import org.mmapcheck.analyzer.engine.SuppressionRule;

@RuleInfo(
    id = "dmabuf/bad-suppression",
    summary = "mmapcheck-ignore comment without a known rule or a reason",
    severity = Severity.WARNING,
    severity2012 = Severity.WARNING,
    precision = Precision.VERY_HIGH,
    tags = {"suppression"},
    clause = "a suppression names the rule it silences and says why (mmapcheck's own)")
public final class BadSuppressionRule implements SuppressionRule {

  @Override
  public void check(List<Suppression> suppressions, RuleContext context) {
    for (Suppression s : suppressions) {
      List<String> problems = new ArrayList<>();
      if (s.rules().isEmpty() && s.unknownRules().isEmpty()) problems.add("names no rule");
      for (String name : s.unknownRules()) problems.add("names unknown rule '" + name + "' (see 'mmapcheck rules')");
      if (s.reason().isBlank()) problems.add("gives no reason");
      if (problems.isEmpty()) continue;
      context.report(
          s.at(),
          "",
          "mmapcheck-ignore " + String.join(", ", problems)
              + "; it silences nothing until it reads 'mmapcheck-ignore RULE: REASON'",
          List.of(),
          List.of());
    }
  }
}
