package org.mmapcheck.analyzer.engine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.mmapcheck.analyzer.engine.KernelApi.Category;
import org.mmapcheck.analyzer.model.Expr;
import org.mmapcheck.analyzer.model.FunctionDef;
import org.mmapcheck.analyzer.model.Locals;
import org.mmapcheck.analyzer.model.Step;

/** The caching a step gives the mapping: a store into {@code vma->vm_page_prot}, or a mapping call's own protection. */
public enum PageProtection {
  /** A write-combined or uncached protection ({@code pgprot_writecombine()}, ...). */
  UNCACHED,
  /** A fresh protection ({@code vm_get_page_prot(vma->vm_flags)}), which keeps nothing of the old one. */
  CACHEABLE;

  /** As the inventory spells it. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * What the step of the function gives the mapping's protection: what it stores into {@code
   * vma->vm_page_prot}, or what a mapping call of the {@code map-prot} list maps with
   * ({@code remap_pfn_range(..., pgprot_writecombine(vma->vm_page_prot))}), followed through the
   * locals it names. Null for a step that gives none, or one that only keeps or adjusts the old
   * protection ({@code pgprot_decrypted(vma->vm_page_prot)}).
   */
  public static PageProtection givenBy(FunctionDef f, Step step, KernelApi api) {
    Expr value = null;
    if (step instanceof Step.Store st && st.target() instanceof Expr.Member m && m.field().equals("vm_page_prot"))
      value = st.value();
    else if (step instanceof Step.CallStep c) value = api.protectionArgument(c.call());
    return value == null ? null : of(f, step, value, api, Set.of());
  }

  /**
   * Uncached when the value makes one, or every value the locals it names may hold there does;
   * cacheable when it, or one of those values, is a fresh protection; null when it keeps the old.
   */
  private static PageProtection of(FunctionDef f, Step at, Expr value, KernelApi api, Set<String> seen) {
    Set<String> uncached = api.names(Category.UNCACHED_PROT);
    if (Expr.all(value).stream().anyMatch(x -> x instanceof Expr.Call c && uncached.contains(Expr.calleeName(c))))
      return UNCACHED;
    if (Expr.mentionsField(value, "vm_page_prot")) return null;
    Set<String> followed = new HashSet<>(seen);
    List<Step.Store> stores = new ArrayList<>();
    for (Expr x : Expr.all(value))
      if (x instanceof Expr.Name n && f.variable(n.name()) != null && followed.add(n.name()))
        stores.addAll(Locals.storesReaching(f, n.name(), at));
    if (stores.isEmpty()) return CACHEABLE;
    boolean everyUncached = true;
    for (Step.Store st : stores) {
      PageProtection held = of(f, st, st.value(), api, followed);
      if (held == CACHEABLE) return CACHEABLE;
      everyUncached &= held == UNCACHED;
    }
    return everyUncached ? UNCACHED : null;
  }
}
