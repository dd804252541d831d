package org.mmapcheck.analyzer.frontend;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.cdt.core.dom.ast.ASTVisitor;
import org.eclipse.cdt.core.dom.ast.IASTArrayDeclarator;
import org.eclipse.cdt.core.dom.ast.IASTArraySubscriptExpression;
import org.eclipse.cdt.core.dom.ast.IASTBinaryExpression;
import org.eclipse.cdt.core.dom.ast.IASTCastExpression;
import org.eclipse.cdt.core.dom.ast.IASTCompositeTypeSpecifier;
import org.eclipse.cdt.core.dom.ast.IASTCompoundStatement;
import org.eclipse.cdt.core.dom.ast.IASTConditionalExpression;
import org.eclipse.cdt.core.dom.ast.IASTDeclSpecifier;
import org.eclipse.cdt.core.dom.ast.IASTDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTDeclarator;
import org.eclipse.cdt.core.dom.ast.IASTDoStatement;
import org.eclipse.cdt.core.dom.ast.IASTElaboratedTypeSpecifier;
import org.eclipse.cdt.core.dom.ast.IASTEqualsInitializer;
import org.eclipse.cdt.core.dom.ast.IASTExpression;
import org.eclipse.cdt.core.dom.ast.IASTExpressionList;
import org.eclipse.cdt.core.dom.ast.IASTExpressionStatement;
import org.eclipse.cdt.core.dom.ast.IASTFieldReference;
import org.eclipse.cdt.core.dom.ast.IASTFileLocation;
import org.eclipse.cdt.core.dom.ast.IASTForStatement;
import org.eclipse.cdt.core.dom.ast.IASTFunctionCallExpression;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDeclarator;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDefinition;
import org.eclipse.cdt.core.dom.ast.IASTGotoStatement;
import org.eclipse.cdt.core.dom.ast.IASTIdExpression;
import org.eclipse.cdt.core.dom.ast.IASTIfStatement;
import org.eclipse.cdt.core.dom.ast.IASTInitializer;
import org.eclipse.cdt.core.dom.ast.IASTInitializerClause;
import org.eclipse.cdt.core.dom.ast.IASTInitializerList;
import org.eclipse.cdt.core.dom.ast.IASTLabelStatement;
import org.eclipse.cdt.core.dom.ast.IASTNamedTypeSpecifier;
import org.eclipse.cdt.core.dom.ast.IASTNode;
import org.eclipse.cdt.core.dom.ast.IASTParameterDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTProblem;
import org.eclipse.cdt.core.dom.ast.IASTReturnStatement;
import org.eclipse.cdt.core.dom.ast.IASTSimpleDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTStandardFunctionDeclarator;
import org.eclipse.cdt.core.dom.ast.IASTStatement;
import org.eclipse.cdt.core.dom.ast.IASTSwitchStatement;
import org.eclipse.cdt.core.dom.ast.IASTTranslationUnit;
import org.eclipse.cdt.core.dom.ast.IASTTypeId;
import org.eclipse.cdt.core.dom.ast.IASTUnaryExpression;
import org.eclipse.cdt.core.dom.ast.IASTWhileStatement;
import org.eclipse.cdt.core.dom.ast.c.ICASTArrayDesignator;
import org.eclipse.cdt.core.dom.ast.c.ICASTDesignatedInitializer;
import org.eclipse.cdt.core.dom.ast.c.ICASTDesignator;
import org.eclipse.cdt.core.dom.ast.c.ICASTFieldDesignator;
import org.eclipse.cdt.core.parser.IProblem;
import org.mmapcheck.analyzer.model.Expr;
import org.mmapcheck.analyzer.model.FileModel;
import org.mmapcheck.analyzer.model.FunctionDef;
import org.mmapcheck.analyzer.model.Initializer;
import org.mmapcheck.analyzer.model.Location;
import org.mmapcheck.analyzer.model.Step;
import org.mmapcheck.analyzer.model.StructDef;
import org.mmapcheck.analyzer.model.TypeRef;
import org.mmapcheck.analyzer.model.Variable;

/** Reduces one CDT translation unit to a {@link FileModel}; the AST is dropped afterwards. */
final class ModelExtractor {

  private final String path;
  private final char[] text;
  private final int[] lineStarts;
  private final List<FunctionDef> functions = new ArrayList<>();
  private final List<StructDef> structs = new ArrayList<>();
  private final Map<String, TypeRef> typedefs = new LinkedHashMap<>();
  private final List<Variable> globals = new ArrayList<>();
  private final List<Initializer> objects = new ArrayList<>();
  /** What {@link #guards} and {@link #expr} worked out, for the function under way: small maps hash faster. */
  private Map<IASTNode, LevelGuards> levelGuards = new IdentityHashMap<>();
  private Map<IASTInitializerClause, Expr> exprs = new IdentityHashMap<>();
  /** Where {@link #compact} writes, reused from node to node. */
  private char[] scratch = new char[256];
  /** How deep the expression conversion under way is (see {@link #expr}). */
  private int depth;
  /** The function bodies walked, and the syntax problems found in them. */
  private final Set<IASTStatement> walked = Collections.newSetFromMap(new IdentityHashMap<>());
  private int problemsWalked;

  ModelExtractor(String path, char[] text) {
    this.path = path;
    this.text = text;
    this.lineStarts = lineStarts(text);
  }

  FileModel extract(IASTTranslationUnit unit) {
    for (IASTDeclaration d : unit.getDeclarations(true)) {
      // Inactive branches give tables and types, not bodies: CDT does not parse those.
      if (d instanceof IASTFunctionDefinition f) {
        if (f.isActive()) function(f);
      }
      else if (d instanceof IASTSimpleDeclaration s) fileScopeDeclaration(s);
    }
    return new FileModel(path, functions, structs, typedefs, globals, objects, countProblems(unit));
  }

  /**
   * Syntax the parser could not read; unresolved includes are by design and do not count. Those
   * of the function bodies walked are counted as they were; the rest of the unit is walked here.
   */
  private int countProblems(IASTTranslationUnit unit) {
    int[] count = {problemsWalked};
    for (IASTProblem p : unit.getPreprocessorProblems())
      if (p.getID() != IProblem.PREPROCESSOR_INCLUSION_NOT_FOUND) count[0]++;
    unit.accept(
        new ASTVisitor() {
          {
            includeInactiveNodes = true;
            shouldVisitProblems = true;
            shouldVisitStatements = true;
          }

          @Override
          public int visit(IASTStatement statement) {
            return walked.contains(statement) ? PROCESS_SKIP : PROCESS_CONTINUE;
          }

          @Override
          public int visit(IASTProblem problem) {
            count[0]++;
            return PROCESS_CONTINUE;
          }
        });
    return count[0];
  }

  // ---- declarations ----

  private void fileScopeDeclaration(IASTSimpleDeclaration s) {
    IASTDeclSpecifier spec = s.getDeclSpecifier();
    collectStructs(spec);
    int storage = spec.getStorageClass();
    for (IASTDeclarator d : s.getDeclarators()) {
      String name = declaredName(d);
      if (name.isEmpty() || isFunctionDeclarator(d)) continue;
      TypeRef type = typeOf(spec, d);
      if (storage == IASTDeclSpecifier.sc_typedef) {
        typedefs.put(name, type);
        continue;
      }
      globals.add(new Variable(name, type, location(d.getName())));
      if (d.getInitializer() instanceof IASTEqualsInitializer eq
          && eq.getInitializerClause() instanceof IASTInitializerList list) {
        objects.add(
            initializer(name, type, storage == IASTDeclSpecifier.sc_static, location(d.getName()), list));
      }
    }
  }

  private void collectStructs(IASTDeclSpecifier spec) {
    if (!(spec instanceof IASTCompositeTypeSpecifier composite)) return;
    Map<String, TypeRef> fields = new LinkedHashMap<>();
    for (IASTDeclaration member : composite.getMembers()) {
      if (!(member instanceof IASTSimpleDeclaration field)) continue;
      collectStructs(field.getDeclSpecifier());
      for (IASTDeclarator d : field.getDeclarators()) {
        String name = declaredName(d);
        if (!name.isEmpty()) fields.put(name, typeOf(field.getDeclSpecifier(), d));
      }
    }
    String name = composite.getName().toString();
    if (!name.isEmpty()) structs.add(new StructDef(name, fields, location(composite.getName())));
  }

  private Initializer initializer(
      String objectPath, TypeRef type, boolean isStatic, Location at, IASTInitializerList list) {
    List<Initializer.FieldValue> fields = new ArrayList<>();
    List<Initializer> parts = new ArrayList<>();
    int index = 0;
    for (IASTInitializerClause clause : list.getClauses()) {
      if (clause instanceof ICASTDesignatedInitializer designated) {
        ICASTDesignator[] designators = designated.getDesignators();
        IASTInitializerClause operand = designated.getOperand();
        if (designators.length == 1 && designators[0] instanceof ICASTFieldDesignator field) {
          String name = field.getName().toString();
          if (operand instanceof IASTInitializerList nested) {
            parts.add(initializer(objectPath + "." + name, null, isStatic, location(field), nested));
          } else if (operand instanceof IASTExpression value) {
            fields.add(new Initializer.FieldValue(name, expr(value), location(field)));
          }
        } else if (designators.length == 1
            && designators[0] instanceof ICASTArrayDesignator array
            && operand instanceof IASTInitializerList nested) {
          String subscript = compact(array.getSubscriptExpression());
          parts.add(initializer(objectPath + "[" + subscript + "]", null, isStatic, location(array), nested));
        }
      } else if (clause instanceof IASTInitializerList nested) {
        parts.add(initializer(objectPath + "[" + index + "]", null, isStatic, location(nested), nested));
      }
      index++;
    }
    return new Initializer(objectPath, type, isStatic, at, fields, parts);
  }

  // ---- functions ----

  private void function(IASTFunctionDefinition f) {
    IASTFunctionDeclarator declarator = f.getDeclarator();
    IASTDeclarator named = innermost(declarator);
    String name = named.getName().toString();
    if (name.isEmpty()) return;
    IASTDeclSpecifier spec = f.getDeclSpecifier();
    collectStructs(spec);
    List<Variable> params = new ArrayList<>();
    if (declarator instanceof IASTStandardFunctionDeclarator standard) {
      for (IASTParameterDeclaration p : standard.getParameters()) {
        String pname = declaredName(p.getDeclarator());
        if (!pname.isEmpty())
          params.add(new Variable(pname, typeOf(p.getDeclSpecifier(), p.getDeclarator()), location(p)));
      }
    }
    levelGuards = new IdentityHashMap<>();
    exprs = new IdentityHashMap<>();
    BodyWalker body = new BodyWalker();
    f.getBody().accept(body);
    walked.add(f.getBody());
    int returnPointers = declarator.getPointerOperators().length;
    functions.add(
        new FunctionDef(
            name,
            spec.getStorageClass() == IASTDeclSpecifier.sc_static,
            new TypeRef(typeName(spec), returnPointers),
            location(named.getName()),
            endLocation(f),
            params,
            body.locals,
            body.steps,
            body.repeats,
            body.labels));
  }

  /** Walks a function body in source order, recording locals, steps, loops and labels. */
  private final class BodyWalker extends ASTVisitor {
    final List<Variable> locals = new ArrayList<>();
    final List<Step> steps = new ArrayList<>();
    final List<Location> repeats = new ArrayList<>();
    final List<Location> labels = new ArrayList<>();
    private final Map<String, Location> labelled = new HashMap<>();

    BodyWalker() {
      includeInactiveNodes = true;
      shouldVisitDeclarations = true;
      shouldVisitExpressions = true;
      shouldVisitStatements = true;
      shouldVisitProblems = true;
    }

    @Override
    public int visit(IASTProblem problem) {
      problemsWalked++;
      return PROCESS_CONTINUE;
    }

    @Override
    public int visit(IASTDeclaration declaration) {
      if (!(declaration instanceof IASTSimpleDeclaration s)) return PROCESS_CONTINUE;
      IASTDeclSpecifier spec = s.getDeclSpecifier();
      collectStructs(spec);
      for (IASTDeclarator d : s.getDeclarators()) {
        String name = declaredName(d);
        if (name.isEmpty() || isFunctionDeclarator(d)) continue;
        TypeRef type = typeOf(spec, d);
        Location at = location(d.getName());
        locals.add(new Variable(name, type, at));
        IASTInitializer init = d.getInitializer();
        if (init instanceof IASTEqualsInitializer eq) {
          if (eq.getInitializerClause() instanceof IASTExpression value) {
            steps.add(new Step.Store(new Expr.Name(name, name), "=", expr(value), at, guards(d)));
          } else if (eq.getInitializerClause() instanceof IASTInitializerList list) {
            if (spec.getStorageClass() == IASTDeclSpecifier.sc_static) objects.add(initializer(name, type, true, at, list));
            else fieldStores(name, list, d);
          }
        }
      }
      return PROCESS_CONTINUE;
    }

    /**
     * A local struct given its fields in braces ({@code struct x v = { .ops = &foo_ops };}) stores
     * each field, as {@code v.ops = &foo_ops;} would.
     */
    private void fieldStores(String name, IASTInitializerList list, IASTDeclarator d) {
      for (IASTInitializerClause clause : list.getClauses()) {
        if (clause instanceof ICASTDesignatedInitializer designated
            && designated.getDesignators().length == 1
            && designated.getDesignators()[0] instanceof ICASTFieldDesignator field
            && designated.getOperand() instanceof IASTExpression value) {
          Expr.Name local = new Expr.Name(name, name);
          String f = field.getName().toString();
          steps.add(
              new Step.Store(
                  new Expr.Member(local, f, false, name + "." + f), "=", expr(value), location(field), guards(d)));
        }
      }
    }

    @Override
    public int visit(IASTStatement statement) {
      NodeKind kind = NodeKind.of(statement);
      if (kind == NodeKind.WHILE || kind == NodeKind.DO || kind == NodeKind.FOR || kind == NodeKind.SWITCH)
        repeats.add(location(statement));
      switch (kind) {
        case LABEL -> {
          IASTLabelStatement label = (IASTLabelStatement) statement;
          Location at = location(label);
          labels.add(at);
          labelled.put(label.getName().toString(), at);
        }
        case GOTO -> {
          IASTGotoStatement g = (IASTGotoStatement) statement;
          if (labelled.containsKey(g.getName().toString())) {
            Location from = labelled.get(g.getName().toString()), to = location(g); // a jump back
            repeats.add(new Location(from.file(), from.line(), from.column(), to.endLine(), to.endColumn()));
          }
        }
        case RETURN -> {
          IASTReturnStatement r = (IASTReturnStatement) statement;
          IASTExpression value = r.getReturnValue();
          steps.add(new Step.Return(value == null ? null : expr(value), location(r), guards(r)));
        }
        case IF -> {
          IASTIfStatement s = (IASTIfStatement) statement;
          if (s.getConditionExpression() != null) condition(s.getConditionExpression());
        }
        case WHILE -> {
          IASTWhileStatement s = (IASTWhileStatement) statement;
          if (s.getCondition() != null) condition(s.getCondition());
        }
        case DO -> {
          IASTDoStatement s = (IASTDoStatement) statement;
          if (s.getCondition() != null) condition(s.getCondition());
        }
        case FOR -> {
          IASTForStatement s = (IASTForStatement) statement;
          if (s.getInitializerStatement() instanceof IASTExpressionStatement init && init.getExpression() != null)
            steps.add(new Step.Use(expr(init.getExpression()), location(init), guards(init)));
          if (s.getConditionExpression() != null) condition(s.getConditionExpression());
          if (s.getIterationExpression() != null)
            steps.add(
                new Step.Use(
                    expr(s.getIterationExpression()), location(s.getIterationExpression()), guards(s)));
        }
        case SWITCH -> {
          IASTSwitchStatement s = (IASTSwitchStatement) statement;
          if (s.getControllerExpression() != null) condition(s.getControllerExpression());
        }
        default -> {}
      }
      return PROCESS_CONTINUE;
    }

    private void condition(IASTExpression e) {
      steps.add(new Step.Condition(expr(e), location(e), guards(e)));
    }

    @Override
    public int visit(IASTExpression expression) {
      switch (NodeKind.of(expression)) {
        case CALL -> {
          IASTFunctionCallExpression call = (IASTFunctionCallExpression) expression;
          steps.add(new Step.CallStep((Expr.Call) expr(call), location(call), guards(call)));
        }
        case BINARY -> {
          IASTBinaryExpression b = (IASTBinaryExpression) expression;
          if (isAssignment(b.getOperator()))
            steps.add(
                new Step.Store(
                    expr(b.getOperand1()),
                    binaryOperator(b.getOperator()),
                    expr(b.getOperand2()),
                    location(b),
                    guards(b)));
        }
        case UNARY -> {
          IASTUnaryExpression u = (IASTUnaryExpression) expression;
          String operator = unaryOperator(u.getOperator());
          // n++ is n += 1, for what the local or field holds after it.
          if (operator.equals("++") || operator.equals("--"))
            steps.add(new Step.Store(expr(u.getOperand()), operator.charAt(0) + "=", new Expr.Literal("1"), location(u), guards(u)));
        }
        case CONDITIONAL -> {
          IASTConditionalExpression c = (IASTConditionalExpression) expression;
          if (c.getLogicalConditionExpression() != null) condition(c.getLogicalConditionExpression());
        }
        default -> {}
      }
      return PROCESS_CONTINUE;
    }
  }

  // ---- guards ----

  /**
   * The conditions a node runs under, outermost first: the condition of each if branch it sits
   * in (and of each {@code ?:} branch, and the left operand of the {@code &&} or {@code ||} whose
   * right operand it is in), and the negated condition of each earlier if of its blocks whose
   * then branch always returns ({@code if (c) return ...;}) or jumps ({@code if (c) goto out;}).
   * A jump's negation holds up to its label when the label is later in the same block, at any
   * depth (the code from the label on runs either way), else to the block's end.
   */
  private List<Step.Guard> guards(IASTNode node) {
    List<Step.Guard> out = new ArrayList<>();
    for (IASTNode child = node, parent = node.getParent();
        parent != null && NodeKind.of(parent) != NodeKind.FUNCTION;
        child = parent, parent = parent.getParent()) {
      // Each level's guards go before those of the levels inside it.
      LevelGuards level = levelGuards.get(child);
      if (level == null) {
        level = levelGuards(child);
        levelGuards.put(child, level);
      }
      out.addAll(0, level.at(node));
    }
    return List.copyOf(out);
  }

  /**
   * The guards a node's parent adds to it; {@code labels}, for a statement with the label of a
   * jump before it inside, where that label is, by the jump's guard's place in the list: the guard
   * holds only before it.
   */
  private record LevelGuards(List<Step.Guard> guards, Map<Integer, Integer> labels) {
    static final LevelGuards NONE = new LevelGuards(List.of(), Map.of());

    List<Step.Guard> at(IASTNode node) {
      if (labels.isEmpty()) return guards;
      IASTFileLocation at = node.getFileLocation();
      List<Step.Guard> out = new ArrayList<>();
      for (int i = 0; i < guards.size(); i++)
        if (!labels.containsKey(i) || at == null || at.getNodeOffset() < labels.get(i)) out.add(guards.get(i));
      return out;
    }
  }

  /** The guards the node's parent adds to it (cached: every step of a long body asks again). */
  private LevelGuards levelGuards(IASTNode child) {
    IASTNode parent = child.getParent();
    switch (NodeKind.of(parent)) {
      case BINARY -> {
        // The right operand of && runs only when the left holds, of || only when it fails.
        IASTBinaryExpression b = (IASTBinaryExpression) parent;
        if (child != b.getOperand2()) break;
        if (b.getOperator() == IASTBinaryExpression.op_logicalAnd) return under(b.getOperand1(), true);
        if (b.getOperator() == IASTBinaryExpression.op_logicalOr) return under(b.getOperand1(), false);
      }
      case CONDITIONAL -> {
        IASTConditionalExpression c = (IASTConditionalExpression) parent;
        if (c.getLogicalConditionExpression() == null) break;
        if (child == c.getPositiveResultExpression()) return under(c.getLogicalConditionExpression(), true);
        if (child == c.getNegativeResultExpression()) return under(c.getLogicalConditionExpression(), false);
      }
      case IF -> {
        IASTIfStatement s = (IASTIfStatement) parent;
        if (s.getConditionExpression() == null) break;
        if (child == s.getThenClause()) return under(s.getConditionExpression(), true);
        if (child == s.getElseClause()) return under(s.getConditionExpression(), false);
      }
      case COMPOUND -> {
        return blockGuards((IASTCompoundStatement) parent, child);
      }
      default -> {}
    }
    return LevelGuards.NONE;
  }

  /**
   * The guards of a statement of a block: one pass gives every statement of the block the early
   * returns and jumps before it, and keeps them.
   */
  private LevelGuards blockGuards(IASTCompoundStatement block, IASTNode child) {
    List<Step.Guard> leaving = new ArrayList<>();
    List<String> jumpsTo = new ArrayList<>(); // the label each guard holds up to; null for a return
    LevelGuards mine = LevelGuards.NONE;
    for (IASTStatement statement : block.getStatements()) {
      Map<Integer, Integer> labels = new HashMap<>();
      if (jumpsTo.stream().anyMatch(label -> label != null)) {
        Map<String, Integer> in = labelsIn(statement);
        for (int i = 0; i < jumpsTo.size(); i++) if (in.containsKey(jumpsTo.get(i))) labels.put(i, in.get(jumpsTo.get(i)));
      }
      LevelGuards before = new LevelGuards(List.copyOf(leaving), Map.copyOf(labels));
      levelGuards.put(statement, before);
      if (statement == child) mine = before;
      for (int i = leaving.size() - 1; i >= 0; i--)
        if (labels.containsKey(i)) { // past its label: the code after runs either way
          leaving.remove(i);
          jumpsTo.remove(i);
        }
      IASTIfStatement s = NodeKind.of(statement) == NodeKind.IF ? (IASTIfStatement) statement : null;
      if (s != null && s.getElseClause() == null && s.getConditionExpression() != null) {
        String jump = jumpTarget(s.getThenClause());
        if (jump != null || alwaysReturns(s.getThenClause())) {
          leaving.add(new Step.Guard(expr(s.getConditionExpression()), false));
          jumpsTo.add(jump);
        }
      }
    }
    return mine;
  }

  /** The one guard of a branch: the condition, holding or failing. */
  private LevelGuards under(IASTExpression condition, boolean holds) {
    return new LevelGuards(List.of(new Step.Guard(expr(condition), holds)), Map.of());
  }

  /** The labels in the statement, at any depth, with where each is. */
  private static Map<String, Integer> labelsIn(IASTStatement statement) {
    Map<String, Integer> labels = new HashMap<>();
    statement.accept(
        new ASTVisitor() {
          {
            shouldVisitStatements = true;
          }

          @Override
          public int visit(IASTStatement s) {
            if (s instanceof IASTLabelStatement label && label.getFileLocation() != null)
              labels.putIfAbsent(label.getName().toString(), label.getFileLocation().getNodeOffset());
            return PROCESS_CONTINUE;
          }
        });
    return labels;
  }

  /** The label the statement always ends by jumping to ({@code goto out;}, or a block ending so); else null. */
  private static String jumpTarget(IASTStatement s) {
    if (s instanceof IASTGotoStatement g) return g.getName().toString();
    if (s instanceof IASTCompoundStatement block) {
      IASTStatement[] all = block.getStatements();
      return all.length > 0 ? jumpTarget(all[all.length - 1]) : null;
    }
    return null;
  }

  private static boolean alwaysReturns(IASTStatement s) {
    if (s instanceof IASTReturnStatement) return true;
    if (s instanceof IASTCompoundStatement block) {
      IASTStatement[] all = block.getStatements();
      return all.length > 0 && alwaysReturns(all[all.length - 1]);
    }
    return s instanceof IASTIfStatement i
        && i.getElseClause() != null
        && alwaysReturns(i.getThenClause())
        && alwaysReturns(i.getElseClause());
  }

  // ---- expressions ----

  /**
   * The expression of a clause, converted once: a guard holds the left operand of each {@code &&}
   * above it, and a long chain would be converted again at every level. A name or literal is
   * converted each time it is asked for: that costs less than finding it again.
   *
   * @throws TooDeep below {@link #MAX_DEPTH} levels: every walk of a model's expressions is
   *     recursive, and one over a chain of a thousand terms would run out of stack
   */
  private Expr expr(IASTInitializerClause clause) {
    if (clause == null) return new Expr.Other("");
    NodeKind kind = NodeKind.of(clause);
    if (kind == NodeKind.NAME || kind == NodeKind.LITERAL) return convert(clause, kind);
    Expr e = exprs.get(clause);
    if (e == null) {
      if (++depth > MAX_DEPTH) throw new TooDeep(location(clause).line());
      e = convert(clause, kind);
      depth--;
      exprs.put(clause, e);
    }
    return e;
  }

  /** How deep an expression is modelled; kernel code nests a few dozen levels at most. */
  static final int MAX_DEPTH = 200;

  /** An expression nested deeper than {@link #MAX_DEPTH}: the file is not modelled. */
  static final class TooDeep extends RuntimeException {
    TooDeep(int line) {
      super("an expression at line " + line + " nests over " + MAX_DEPTH + " levels deep, the limit");
    }
  }

  /** The clause's expression; {@code kind} is {@link NodeKind#of} it. */
  private Expr convert(IASTInitializerClause clause, NodeKind kind) {
    String text = compact(clause);
    return switch (kind) {
      case NAME -> new Expr.Name(((IASTIdExpression) clause).getName().toString(), text);
      case FIELD -> {
        IASTFieldReference f = (IASTFieldReference) clause;
        yield new Expr.Member(expr(f.getFieldOwner()), f.getFieldName().toString(), f.isPointerDereference(), text);
      }
      case UNARY -> {
        IASTUnaryExpression u = (IASTUnaryExpression) clause;
        if (u.getOperator() == IASTUnaryExpression.op_bracketedPrimary) yield expr(u.getOperand());
        yield new Expr.Unary(unaryOperator(u.getOperator()), expr(u.getOperand()), text);
      }
      case BINARY -> {
        IASTBinaryExpression b = (IASTBinaryExpression) clause;
        yield new Expr.Binary(binaryOperator(b.getOperator()), expr(b.getOperand1()), expr(b.getOperand2()), text);
      }
      case CALL -> {
        IASTFunctionCallExpression c = (IASTFunctionCallExpression) clause;
        List<Expr> args = new ArrayList<>();
        for (IASTInitializerClause a : c.getArguments()) args.add(expr(a));
        yield new Expr.Call(expr(c.getFunctionNameExpression()), args, text);
      }
      case CAST -> {
        IASTCastExpression c = (IASTCastExpression) clause;
        IASTTypeId typeId = c.getTypeId();
        TypeRef type =
            new TypeRef(
                typeName(typeId.getDeclSpecifier()),
                typeId.getAbstractDeclarator() == null
                    ? 0
                    : typeId.getAbstractDeclarator().getPointerOperators().length);
        yield new Expr.Cast(type, expr(c.getOperand()), text);
      }
      case SUBSCRIPT -> {
        IASTArraySubscriptExpression s = (IASTArraySubscriptExpression) clause;
        yield new Expr.Subscript(expr(s.getArrayExpression()), expr(s.getArgument()), text);
      }
      case CONDITIONAL -> {
        IASTConditionalExpression c = (IASTConditionalExpression) clause;
        yield new Expr.Conditional(
            expr(c.getLogicalConditionExpression()),
            expr(c.getPositiveResultExpression()),
            expr(c.getNegativeResultExpression()),
            text);
      }
      case LIST -> {
        IASTExpression[] parts = ((IASTExpressionList) clause).getExpressions();
        yield parts.length == 0 ? new Expr.Other(text) : expr(parts[parts.length - 1]);
      }
      case LITERAL -> new Expr.Literal(text);
      default -> new Expr.Other(text);
    };
  }

  private static boolean isAssignment(int op) {
    String s = binaryOperator(op);
    return s.endsWith("=") && !List.of("==", "!=", "<=", ">=").contains(s);
  }

  private static String binaryOperator(int op) {
    return switch (op) {
      case IASTBinaryExpression.op_assign -> "=";
      case IASTBinaryExpression.op_binaryOrAssign -> "|=";
      case IASTBinaryExpression.op_binaryAndAssign -> "&=";
      case IASTBinaryExpression.op_binaryXorAssign -> "^=";
      case IASTBinaryExpression.op_plusAssign -> "+=";
      case IASTBinaryExpression.op_minusAssign -> "-=";
      case IASTBinaryExpression.op_multiplyAssign -> "*=";
      case IASTBinaryExpression.op_divideAssign -> "/=";
      case IASTBinaryExpression.op_moduloAssign -> "%=";
      case IASTBinaryExpression.op_shiftLeftAssign -> "<<=";
      case IASTBinaryExpression.op_shiftRightAssign -> ">>=";
      case IASTBinaryExpression.op_plus -> "+";
      case IASTBinaryExpression.op_minus -> "-";
      case IASTBinaryExpression.op_multiply -> "*";
      case IASTBinaryExpression.op_divide -> "/";
      case IASTBinaryExpression.op_modulo -> "%";
      case IASTBinaryExpression.op_shiftLeft -> "<<";
      case IASTBinaryExpression.op_shiftRight -> ">>";
      case IASTBinaryExpression.op_lessThan -> "<";
      case IASTBinaryExpression.op_greaterThan -> ">";
      case IASTBinaryExpression.op_lessEqual -> "<=";
      case IASTBinaryExpression.op_greaterEqual -> ">=";
      case IASTBinaryExpression.op_equals -> "==";
      case IASTBinaryExpression.op_notequals -> "!=";
      case IASTBinaryExpression.op_binaryAnd -> "&";
      case IASTBinaryExpression.op_binaryOr -> "|";
      case IASTBinaryExpression.op_binaryXor -> "^";
      case IASTBinaryExpression.op_logicalAnd -> "&&";
      case IASTBinaryExpression.op_logicalOr -> "||";
      default -> "?";
    };
  }

  private static String unaryOperator(int op) {
    return switch (op) {
      case IASTUnaryExpression.op_amper -> "&";
      case IASTUnaryExpression.op_star -> "*";
      case IASTUnaryExpression.op_minus -> "-";
      case IASTUnaryExpression.op_plus -> "+";
      case IASTUnaryExpression.op_not -> "!";
      case IASTUnaryExpression.op_tilde -> "~";
      case IASTUnaryExpression.op_prefixIncr, IASTUnaryExpression.op_postFixIncr -> "++";
      case IASTUnaryExpression.op_prefixDecr, IASTUnaryExpression.op_postFixDecr -> "--";
      case IASTUnaryExpression.op_sizeof -> "sizeof";
      default -> "?";
    };
  }

  // ---- types and names ----

  private static IASTDeclarator innermost(IASTDeclarator d) {
    while (d.getNestedDeclarator() != null) d = d.getNestedDeclarator();
    return d;
  }

  private static String declaredName(IASTDeclarator d) {
    return d == null ? "" : innermost(d).getName().toString();
  }

  private static boolean isFunctionDeclarator(IASTDeclarator d) {
    // "int f(void);" declares a function; "int (*fp)(void);" declares a pointer variable.
    return d instanceof IASTFunctionDeclarator && d.getNestedDeclarator() == null;
  }

  private static TypeRef typeOf(IASTDeclSpecifier spec, IASTDeclarator d) {
    int pointers = 0;
    for (IASTDeclarator part = d; part != null; part = part.getNestedDeclarator()) {
      pointers += part.getPointerOperators().length;
      if (part instanceof IASTArrayDeclarator array) pointers += array.getArrayModifiers().length;
    }
    if (d instanceof IASTFunctionDeclarator || d.getNestedDeclarator() instanceof IASTFunctionDeclarator)
      return new TypeRef("", pointers);
    return new TypeRef(typeName(spec), pointers);
  }

  private static String typeName(IASTDeclSpecifier spec) {
    if (spec instanceof IASTElaboratedTypeSpecifier e) return e.getName().toString();
    if (spec instanceof IASTCompositeTypeSpecifier c) return c.getName().toString();
    if (spec instanceof IASTNamedTypeSpecifier n) return n.getName().toString();
    return "";
  }

  // ---- locations and text ----

  private Location location(IASTNode node) {
    IASTFileLocation at = node.getFileLocation();
    if (at == null) return Location.at(path, 1, 1);
    int start = at.getNodeOffset();
    int end = start + at.getNodeLength();
    int line = line(start);
    int endLine = line(end > start ? end - 1 : start);
    return new Location(path, line, column(line, start), endLine, column(endLine, end));
  }

  /**
   * The line of an offset, 1 for the first: one more than the newlines before it, as CDT counts
   * (which works its line table out anew for each file it is first asked of).
   */
  private int line(int offset) {
    int i = Arrays.binarySearch(lineStarts, offset);
    return i >= 0 ? i + 1 : -i - 1;
  }

  private Location endLocation(IASTNode node) {
    Location l = location(node);
    return new Location(path, l.endLine(), l.endColumn(), l.endLine(), l.endColumn());
  }

  private int column(int line, int offset) {
    int index = Math.min(Math.max(line - 1, 0), lineStarts.length - 1);
    return offset - lineStarts[index] + 1;
  }

  /** The node's text with each run of white space made one blank, and none at either end. */
  private String compact(IASTNode node) {
    IASTFileLocation at = node.getFileLocation();
    if (at == null) return node.getRawSignature();
    int start = at.getNodeOffset();
    int end = Math.min(text.length, start + at.getNodeLength());
    if (scratch.length < end - start) scratch = new char[Math.max(end - start, 2 * scratch.length)];
    int length = 0;
    boolean space = false;
    for (int i = start; i < end; i++) {
      char c = text[i];
      if (CChars.isWhitespace(c)) {
        space = length > 0;
      } else {
        if (space) scratch[length++] = ' ';
        space = false;
        scratch[length++] = c;
      }
    }
    return new String(scratch, 0, length);
  }

  private static int[] lineStarts(char[] text) {
    int[] starts = new int[64];
    int count = 1;
    for (int i = 0; i < text.length; i++) {
      if (text[i] == '\n') {
        if (count == starts.length) starts = Arrays.copyOf(starts, count * 2);
        starts[count++] = i + 1;
      }
    }
    return Arrays.copyOf(starts, count);
  }
}
