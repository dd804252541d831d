package org.mmapcheck.cli;

import java.util.concurrent.Callable;
import org.mmapcheck.analyzer.engine.RuleDescriptor;
import org.mmapcheck.rules.BuiltinRules;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "explain", mixinStandardHelpOptions = true, description = "Show a rule's documentation.")
final class ExplainCommand implements Callable<Integer> {

  @Parameters(paramLabel = "RULE-ID", description = "A rule id, e.g. dmabuf/fault-interception.")
  String id;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    RuleDescriptor rule = BuiltinRules.find(id);
    if (rule == null)
      throw new MmapCheck.BadInputException("unknown rule '" + id + "' (see 'mmapcheck rules')");
    var out = spec.commandLine().getOut();
    out.print(rule.documentation());
    out.printf("%nLevel: %s (current), %s (2012). Precision: %s.%n",
        rule.info().severity().sarifLevel(), rule.info().severity2012().sarifLevel(), rule.info().precision().label());
    out.flush();
    return 0;
  }
}
