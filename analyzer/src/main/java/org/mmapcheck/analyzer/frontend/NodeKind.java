package org.mmapcheck.analyzer.frontend;

import org.eclipse.cdt.core.dom.ast.IASTArraySubscriptExpression;
import org.eclipse.cdt.core.dom.ast.IASTBinaryExpression;
import org.eclipse.cdt.core.dom.ast.IASTCastExpression;
import org.eclipse.cdt.core.dom.ast.IASTCompoundStatement;
import org.eclipse.cdt.core.dom.ast.IASTConditionalExpression;
import org.eclipse.cdt.core.dom.ast.IASTDoStatement;
import org.eclipse.cdt.core.dom.ast.IASTExpressionList;
import org.eclipse.cdt.core.dom.ast.IASTFieldReference;
import org.eclipse.cdt.core.dom.ast.IASTForStatement;
import org.eclipse.cdt.core.dom.ast.IASTFunctionCallExpression;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDefinition;
import org.eclipse.cdt.core.dom.ast.IASTGotoStatement;
import org.eclipse.cdt.core.dom.ast.IASTIdExpression;
import org.eclipse.cdt.core.dom.ast.IASTIfStatement;
import org.eclipse.cdt.core.dom.ast.IASTLabelStatement;
import org.eclipse.cdt.core.dom.ast.IASTLiteralExpression;
import org.eclipse.cdt.core.dom.ast.IASTNode;
import org.eclipse.cdt.core.dom.ast.IASTReturnStatement;
import org.eclipse.cdt.core.dom.ast.IASTSwitchStatement;
import org.eclipse.cdt.core.dom.ast.IASTUnaryExpression;
import org.eclipse.cdt.core.dom.ast.IASTWhileStatement;

/**
 * Which of the CDT node interfaces the model tells apart a node has, worked out once for each
 * node class. The extractor asks it of every node it walks: a chain of {@code instanceof} tests
 * against interfaces costs a search of the class's interfaces for each test that fails, a fifth
 * of the extractor's time. No CDT class has two of these interfaces.
 */
enum NodeKind {
  NAME(IASTIdExpression.class),
  FIELD(IASTFieldReference.class),
  UNARY(IASTUnaryExpression.class),
  BINARY(IASTBinaryExpression.class),
  CALL(IASTFunctionCallExpression.class),
  CAST(IASTCastExpression.class),
  SUBSCRIPT(IASTArraySubscriptExpression.class),
  CONDITIONAL(IASTConditionalExpression.class),
  LIST(IASTExpressionList.class),
  LITERAL(IASTLiteralExpression.class),
  WHILE(IASTWhileStatement.class),
  DO(IASTDoStatement.class),
  FOR(IASTForStatement.class),
  SWITCH(IASTSwitchStatement.class),
  LABEL(IASTLabelStatement.class),
  GOTO(IASTGotoStatement.class),
  RETURN(IASTReturnStatement.class),
  IF(IASTIfStatement.class),
  COMPOUND(IASTCompoundStatement.class),
  FUNCTION(IASTFunctionDefinition.class),
  OTHER(IASTNode.class);

  private final Class<?> type;

  NodeKind(Class<?> type) {
    this.type = type;
  }

  private static final ClassValue<NodeKind> OF_CLASS =
      new ClassValue<>() {
        @Override
        protected NodeKind computeValue(Class<?> node) {
          for (NodeKind kind : values()) if (kind.type.isAssignableFrom(node)) return kind;
          return OTHER;
        }
      };

  static NodeKind of(IASTNode node) {
    return OF_CLASS.get(node.getClass());
  }

  /** The interface nodes of this kind have. */
  Class<?> type() {
    return type;
  }
}
