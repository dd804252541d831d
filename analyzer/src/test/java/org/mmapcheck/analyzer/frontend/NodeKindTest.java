package org.mmapcheck.analyzer.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipFile;
import java.util.EnumSet;
import java.util.Set;
import org.eclipse.cdt.core.dom.ast.ASTVisitor;
import org.eclipse.cdt.core.dom.ast.IASTExpression;
import org.eclipse.cdt.core.dom.ast.IASTNode;
import org.eclipse.cdt.core.dom.ast.IASTStatement;
import org.eclipse.cdt.core.dom.ast.IASTTranslationUnit;
import org.eclipse.cdt.core.dom.ast.gnu.c.GCCLanguage;
import org.eclipse.cdt.core.parser.FileContent;
import org.eclipse.cdt.core.parser.IncludeFileContentProvider;
import org.eclipse.cdt.core.parser.NullLogService;
import org.eclipse.cdt.core.parser.ScannerInfo;
import org.junit.jupiter.api.Test;

class NodeKindTest {

  /**
   * A class with two of the interfaces would be one kind where the extractor's tests asked for
   * the other: every C node class of the CDT this build has, at most one.
   */
  @Test
  void noCdtNodeClassHasTwoKinds() throws Exception {
    Path jar = Path.of(IASTNode.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<String> ambiguous = new ArrayList<>();
    int classes = 0;
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      for (var entry : Collections.list(zip.entries())) {
        String name = entry.getName();
        if (!name.startsWith("org/eclipse/cdt/internal/core/dom/parser/c/") || !name.endsWith(".class")) continue;
        Class<?> type = Class.forName(name.replace('/', '.').replace(".class", ""), false, getClass().getClassLoader());
        if (type.isInterface() || !IASTNode.class.isAssignableFrom(type)) continue;
        classes++;
        List<NodeKind> kinds = new ArrayList<>();
        for (NodeKind kind : NodeKind.values())
          if (kind != NodeKind.OTHER && kind.type().isAssignableFrom(type)) kinds.add(kind);
        if (kinds.size() > 1) ambiguous.add(type.getName() + " " + kinds);
      }
    }
    assertTrue(classes > 50, "C node classes found: " + classes);
    assertEquals(List.of(), ambiguous);
  }

  /** For every statement and expression of a parsed function: its kind, and only its kind, is one of its interfaces. */
  @Test
  void aNodeIsOfItsKindAndOfNoOther() throws Exception {
    String source =
        "int f(int *p, struct s *q) { int i; for (i = 0; i < 2; i++) p[i] = g(p, (long) i) ? -1 : 0;"
            + " while (q->n) { if (!q->n--) goto out; } do { i++; } while (0); switch (i) { case 1: break; }"
            + " out: return (q->x, 1); }";
    IASTTranslationUnit unit =
        GCCLanguage.getDefault()
            .getASTTranslationUnit(
                FileContent.create("f.c", source.toCharArray()), new ScannerInfo(), IncludeFileContentProvider.getEmptyFilesProvider(), null, 0, new NullLogService());
    Set<NodeKind> seen = EnumSet.noneOf(NodeKind.class);
    List<String> wrong = new ArrayList<>();
    unit.accept(
        new ASTVisitor() {
          {
            shouldVisitExpressions = true;
            shouldVisitStatements = true;
          }

          @Override
          public int visit(IASTExpression e) {
            check(e);
            return PROCESS_CONTINUE;
          }

          @Override
          public int visit(IASTStatement s) {
            check(s);
            return PROCESS_CONTINUE;
          }

          private void check(IASTNode node) {
            NodeKind kind = NodeKind.of(node);
            seen.add(kind);
            for (NodeKind other : NodeKind.values())
              if (other != NodeKind.OTHER && other.type().isInstance(node) != (other == kind))
                wrong.add(node.getClass().getSimpleName() + " is " + kind + ", and " + other + " " + other.type().isInstance(node));
          }
        });
    assertEquals(List.of(), wrong);
    assertEquals(EnumSet.complementOf(EnumSet.of(NodeKind.FUNCTION)), seen);
  }
}
