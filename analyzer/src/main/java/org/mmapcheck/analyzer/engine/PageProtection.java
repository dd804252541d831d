package org.mmapcheck.analyzer.engine;

import org.mmapcheck.analyzer.engine.KernelApi.Category;
import org.mmapcheck.analyzer.model.Expr;
import org.mmapcheck.analyzer.model.Step;

/** The caching a store into {@code vma->vm_page_prot} gives the mapping. */
public enum PageProtection {
  /** A write-combined or uncached protection ({@code pgprot_writecombine()}, ...). */
  UNCACHED,
  /** A fresh protection ({@code vm_get_page_prot(vma->vm_flags)}), which keeps nothing of the old one. */
  CACHEABLE;

  /** As the inventory spells it. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * What the step stores into the protection, or null for a step that stores none, or one that
   * only adjusts the old protection ({@code pgprot_decrypted(vma->vm_page_prot)}).
   */
  public static PageProtection storedBy(Step step, KernelApi api) {
    if (!(step instanceof Step.Store st && st.target() instanceof Expr.Member m && m.field().equals("vm_page_prot")))
      return null;
    boolean uncached = Expr.all(st.value()).stream()
        .anyMatch(x -> x instanceof Expr.Call c && api.names(Category.UNCACHED_PROT).contains(Expr.calleeName(c)));
    if (uncached) return UNCACHED;
    return Expr.mentionsField(st.value(), "vm_page_prot") ? null : CACHEABLE;
  }
}
