package org.mmapcheck.analyzer.testrules;

import java.util.List;
import org.mmapcheck.analyzer.engine.KernelApi;
import org.mmapcheck.analyzer.engine.Kind;
import org.mmapcheck.analyzer.engine.Precision;
import org.mmapcheck.analyzer.engine.Rule;
import org.mmapcheck.analyzer.engine.RuleContext;
import org.mmapcheck.analyzer.engine.RuleInfo;
import org.mmapcheck.analyzer.engine.Severity;
import org.mmapcheck.analyzer.model.Expr;
import org.mmapcheck.analyzer.model.FileModel;
import org.mmapcheck.analyzer.model.FunctionDef;
import org.mmapcheck.analyzer.model.ProgramModel;
import org.mmapcheck.analyzer.model.Step;

/** A rule for engine tests: reads calls of one name in the drivers, and reports each the model has. */
@RuleInfo(
    id = "test/driver-calls",
    summary = "a call read in the driver",
    severity = Severity.WARNING,
    severity2012 = Severity.WARNING,
    precision = Precision.HIGH,
    kind = Kind.PATH,
    tags = {"test"},
    clause = "none")
public final class DriverCallsRule implements Rule {
  private final String name;

  public DriverCallsRule(String name) {
    this.name = name;
  }

  @Override
  public List<String> readsInDriver(KernelApi api) {
    return List.of(name);
  }

  @Override
  public void check(ProgramModel model, RuleContext context) {
    for (FileModel file : model.files())
      for (FunctionDef f : file.functions())
        for (Step s : f.steps())
          if (s instanceof Step.CallStep c && name.equals(Expr.calleeName(c.call())))
            context.report(c.location(), f.name(), "calls " + name, List.of(), List.of());
  }
}
