package org.mmapcheck.analyzer.model;

/**
 * The length of a vma, {@code vma->vm_end - vma->vm_start}, as a function reads it. A mapping
 * whose length must equal the whole buffer's can only be at offset 0, since the dma-buf core
 * refuses an offset plus length beyond the buffer.
 */
public final class VmaLength {

  private VmaLength() {}

  /** {@code vma->vm_end - vma->vm_start}, or a local of the function assigned it. */
  public static boolean is(Expr e, FunctionDef f) {
    e = Expr.strip(e);
    if (e instanceof Expr.Binary b && b.op().equals("-")) return isField(b.left(), "vm_end") && isField(b.right(), "vm_start");
    if (e instanceof Expr.Name n && f.variable(n.name()) != null)
      for (Step s : f.steps())
        if (s instanceof Step.Store st && st.target() instanceof Expr.Name t && t.name().equals(n.name())
            && !(st.value() instanceof Expr.Name) && is(st.value(), f)) return true;
    return false;
  }

  /** Whether the condition holds the length to a size exactly: {@code len != size} (or ==). */
  public static boolean comparedExactly(Expr condition, FunctionDef f) {
    for (Expr x : Expr.all(condition))
      if (x instanceof Expr.Binary b && (b.op().equals("!=") || b.op().equals("=="))
          && (is(b.left(), f) || is(b.right(), f))) return true;
    return false;
  }

  private static boolean isField(Expr e, String field) {
    return Expr.strip(e) instanceof Expr.Member m && m.field().equals(field);
  }
}
