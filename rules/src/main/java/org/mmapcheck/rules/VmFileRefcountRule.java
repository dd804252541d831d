package org.mmapcheck.rules;

import java.util.List;
import org.mmapcheck.analyzer.engine.Kind;
import org.mmapcheck.analyzer.engine.Precision;
import org.mmapcheck.analyzer.engine.Rule;
import org.mmapcheck.analyzer.engine.RuleContext;
import org.mmapcheck.analyzer.engine.RuleInfo;
import org.mmapcheck.analyzer.engine.Severity;
import org.mmapcheck.analyzer.model.Expr;
import org.mmapcheck.analyzer.model.FunctionDef;
import org.mmapcheck.analyzer.model.Locals;
import org.mmapcheck.analyzer.model.MmapPath;
import org.mmapcheck.analyzer.model.ProgramModel;
import org.mmapcheck.analyzer.model.Step;

@RuleInfo(
    id = "dmabuf/vm-file-refcount",
    summary = "vma->vm_file replaced without taking and dropping file references",
    severity = Severity.ERROR,
    severity2012 = Severity.ERROR,
    precision = Precision.HIGH,
    kind = Kind.PATH,
    tags = {"dma-buf", "mmap", "refcount", "contract"},
    clause = "exporters set up their own file in vma->vm_file (to zap ptes)")
public final class VmFileRefcountRule implements Rule {

  @Override
  public void check(ProgramModel model, RuleContext context) {
    for (MmapPath path : context.mmapPaths()) {
      for (MmapPath.Site site : path.storesInto("vm_file")) {
        Step.Store store = (Step.Store) site.step();
        if (countsReferences(site.function(), store)) continue;
        context.report(
            store.location(),
            site.function().name(),
            "vma->vm_file replaced by plain assignment: the new file needs a reference (get_file) and the old one"
                + " dropped (fput); use vma_set_file(), which does both",
            List.of(Exporters.related(path.exporter())),
            Exporters.flow(path, site.function(), store.location(), "vm_file = " + store.value().text()));
      }
    }
  }

  /**
   * The stored file gets a reference, from get_file() in the stored value (or in every value a
   * local stored there may hold, {@link Locals}) or from a get_file() of the same file that runs
   * whenever the store does, and the function drops a file with fput().
   */
  private static boolean countsReferences(FunctionDef f, Step.Store store) {
    List<Expr> stored = Locals.valuesAt(f, store, store.value());
    boolean gets =
        getsApart(f, store, store.value())
            || !stored.isEmpty()
                && stored.stream()
                    .allMatch(v -> getsApart(f, store, v) || Expr.all(v).stream().anyMatch(x -> x instanceof Expr.Call c && isGetFile(c)));
    boolean puts =
        f.steps().stream()
            .anyMatch(s -> s instanceof Step.CallStep c && "fput".equals(Expr.calleeName(c.call())));
    return gets && puts;
  }

  /**
   * Whether the function calls get_file() on the file wherever the store runs: named the same
   * way, or through a local that holds it there ({@code f = b->filp; get_file(f);}).
   */
  private static boolean getsApart(FunctionDef f, Step.Store store, Expr file) {
    return f.steps().stream()
        .anyMatch(s -> s instanceof Step.CallStep c
            && Locals.runsWhenever(s, store)
            && isGetFile(c.call())
            && c.call().args().size() == 1
            && Locals.everyValue(f, s, c.call().args().get(0), v -> sameFile(v, file)));
  }

  private static boolean isGetFile(Expr.Call c) {
    return "get_file".equals(Expr.calleeName(c));
  }

  /** The same file named the same way, casts aside: {@code get_file(b->filp)} and {@code b->filp}. */
  private static boolean sameFile(Expr a, Expr b) {
    return Expr.strip(a).text().equals(Expr.strip(b).text());
  }
}
