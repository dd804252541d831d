package org.mmapcheck.cli;

import java.util.concurrent.Callable;
import org.mmapcheck.analyzer.engine.Profile;
import org.mmapcheck.analyzer.engine.RuleDescriptor;
import org.mmapcheck.rules.BuiltinRules;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "rules", mixinStandardHelpOptions = true, description = "List the built-in rules.")
final class RulesCommand implements Callable<Integer> {

  enum Format { text, markdown }

  @Option(names = "--format", paramLabel = "FORMAT", description = "text or markdown, the rules index (default: ${DEFAULT-VALUE}).")
  Format format = Format.text;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
    if (format == Format.markdown) {
      out.println("# mmapcheck rules");
      out.println();
      out.println("| id | summary | current | 2012 | precision | kind |");
      out.println("| --- | --- | --- | --- | --- | --- |");
    }
    for (RuleDescriptor r : BuiltinRules.all()) {
      String current = r.severity(Profile.CURRENT).sarifLevel();
      String original = r.severity(Profile.ORIGINAL_2012).sarifLevel();
      if (format == Format.markdown) {
        out.printf(
            "| `%s` | %s | %s | %s | %s | %s |%n",
            r.id(), r.info().summary(), current, original, r.info().precision().label(), r.info().kind().label());
      } else {
        out.printf(
            "%-28s %-8s %-8s %-10s %s%n", r.id(), current, original, r.info().precision().label(), r.info().summary());
      }
    }
    out.flush();
    return 0;
  }
}
