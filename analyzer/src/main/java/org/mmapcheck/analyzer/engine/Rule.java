package org.mmapcheck.analyzer.engine;

import java.util.List;
import org.mmapcheck.analyzer.model.Callbacks;
import org.mmapcheck.analyzer.model.ProgramModel;

/**
 * One check of the contract. Implementations carry a {@link RuleInfo}, hold no state between
 * runs, and report through the context; they must not throw on code they do not understand.
 */
public interface Rule {
  void check(ProgramModel model, RuleContext context);

  /**
   * The callbacks the rule reads, and follows, beyond the exporters' mmap paths (which every scan
   * loads): the loader loads them too, wherever they are defined.
   */
  default List<Callbacks> reads() {
    return List.of();
  }
}
