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

  /**
   * Words of what the rule reads anywhere in an exporter's driver, in code no callback need reach
   * (a zap that runs on eviction, an export that redirects the file's mapping): the names of
   * calls, or "field =" for a store. The loader loads the files that hold one in the drivers that
   * fill the exporters' ptes: the directories of the vm_ops with fault callbacks their mmaps install.
   */
  default List<String> readsInDriver(KernelApi api) {
    return List.of();
  }
}
