package org.mmapcheck.analyzer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mmapcheck.analyzer.frontend.CFileParser;
import org.mmapcheck.analyzer.frontend.KernelMacros;

/**
 * What a caller's values make of a callee's branches: {@code validate()} empties the object
 * ({@code gut()}) only for a placement whose count is zero, and {@code fault()} fills the
 * placement first, in ways that leave the count positive or not.
 */
class ValuesTest {

  private static final String CORE =
      """
      struct pl { unsigned int count; };
      struct obj { struct pl placement; int flags; };

      int validate(struct obj *o, struct pl *placement)
      {
      	if (!placement->count)
      		return gut(o);
      	return move(o);
      }

      static void fill(struct obj *o, unsigned int domain)
      {
      	struct pl *p = &o->placement;
      	unsigned int c = 0;

      	if (domain & DOM_A)
      		c++;
      	if (domain & DOM_B)
      		c++;
      	p->count = c;
      }

      static void fill_one(struct obj *o, unsigned int domain)
      {
      	unsigned int *n = &o->placement.count;

      	*n = 0;
      	if (domain & DOM_A)
      		(*n)++;
      	if (!*n)
      		(*n)++;
      }
      """;

  /** Whether validate(), called from the fault() in {@code faultSource}, can reach gut() and move(). */
  private static List<Boolean> reachesGutAndMove(String faultSource) throws Exception {
    FileModel file;
    try (CFileParser parser = new CFileParser(KernelMacros.load(), 10_000)) {
      file = parser.parse("core.c", (CORE + faultSource).toCharArray());
    }
    ProgramModel model = new ProgramModel(List.of(file));
    Values values = new Values(model);
    FunctionDef fault = function(file, "fault");
    FunctionDef validate = function(file, "validate");
    Step.CallStep call = (Step.CallStep) fault.steps().stream()
        .filter(s -> s instanceof Step.CallStep c && "validate".equals(Expr.calleeName(c.call())))
        .findFirst().orElseThrow();
    Values.Evaluation run = values.of(validate, values.of(fault, Map.of()).passed(call, validate));
    return List.of(run.reaches(callTo(validate, "gut")), run.reaches(callTo(validate, "move")));
  }

  private static FunctionDef function(FileModel file, String name) {
    return file.functions().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
  }

  private static Step callTo(FunctionDef f, String name) {
    return f.steps().stream()
        .filter(s -> s instanceof Step.CallStep c && name.equals(Expr.calleeName(c.call())))
        .findFirst().orElseThrow();
  }

  @Test
  void aFlagTheHelperCountsMakesTheCountPositive() throws Exception {
    assertEquals(List.of(false, true), reachesGutAndMove(
        """
        int fault(struct obj *o)
        {
        	fill(o, DOM_A | DOM_C);
        	return validate(o, &o->placement);
        }
        """));
  }

  @Test
  void aFlagTheHelperDoesNotCountLeavesItOpen() throws Exception {
    assertEquals(List.of(true, true), reachesGutAndMove(
        """
        int fault(struct obj *o)
        {
        	fill(o, DOM_C);
        	return validate(o, &o->placement);
        }
        """));
  }

  @Test
  void aCountMadeOneWhenZeroIsPositiveThroughAPointer() throws Exception {
    assertEquals(List.of(false, true), reachesGutAndMove(
        """
        int fault(struct obj *o, unsigned int domain)
        {
        	fill_one(o, domain);
        	return validate(o, &o->placement);
        }
        """));
  }

  @Test
  void aFillOnOneBranchOnlyLeavesItOpen() throws Exception {
    assertEquals(List.of(true, true), reachesGutAndMove(
        """
        int fault(struct obj *o, int x)
        {
        	if (x)
        		fill(o, DOM_A);
        	return validate(o, &o->placement);
        }
        """));
  }

  @Test
  void aFillOnBothBranchesHolds() throws Exception {
    assertEquals(List.of(false, true), reachesGutAndMove(
        """
        int fault(struct obj *o, int x)
        {
        	if (x) {
        		if (!o->flags)
        			return 0;
        		fill(o, DOM_A);
        	} else {
        		fill(o, DOM_B);
        	}
        	return validate(o, &o->placement);
        }
        """));
  }

  @Test
  void aCallGivenTheObjectForgetsItButNotOthers() throws Exception {
    assertEquals(List.of(true, true), reachesGutAndMove(
        """
        int fault(struct obj *o)
        {
        	fill(o, DOM_A);
        	change(o);
        	return validate(o, &o->placement);
        }
        """));
    assertEquals(List.of(false, true), reachesGutAndMove(
        """
        int fault(struct obj *o, struct obj *other)
        {
        	fill(o, DOM_A);
        	change(other);
        	return validate(o, &o->placement);
        }
        """));
  }

  @Test
  void aStoreInALoopMayRunOrNot() throws Exception {
    assertEquals(List.of(true, true), reachesGutAndMove(
        """
        int fault(struct obj *o, int n)
        {
        	int i;

        	fill(o, DOM_A);
        	for (i = 0; i < n; i++)
        		o->placement.count = 0;
        	return validate(o, &o->placement);
        }
        """));
  }

  /** A jump from inside a branch arrives at its label without the stores between. */
  @Test
  void aLabelForgetsWhatTheCodeBeforeItStored() throws Exception {
    assertEquals(List.of(true, true), reachesGutAndMove(
        """
        int fault(struct obj *o, int x, int y)
        {
        	if (x) {
        		if (y)
        			goto out;
        	}
        	o->placement.count = 0;
        out:
        	return validate(o, &o->placement);
        }
        """));
  }

  @Test
  void aZeroCountTakesOnlyTheEmptyingBranch() throws Exception {
    assertEquals(List.of(true, false), reachesGutAndMove(
        """
        int fault(struct obj *o)
        {
        	o->placement.count = 0;
        	return validate(o, &o->placement);
        }
        """));
  }

  /**
   * Each operand of a condition is split once: && and || nested 40 deep, each side of which needs
   * both what holds and what fails of the one inside, take no longer than a few.
   */
  @Test
  @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aDeeplyNestedConditionIsFollowedToItsEnd() throws Exception {
    String nested = "o->flags == 0";
    for (int i = 1; i <= 40; i++) nested = "(" + nested + (i % 2 == 1 ? " && " : " || ") + "o->flags != " + i + ")";
    assertEquals(List.of(false, true), reachesGutAndMove(
        """
        int fault(struct obj *o)
        {
        	o->placement.count = 0;
        	if (%s || o->placement.count == 0)
        		o->placement.count = 1;
        	return validate(o, &o->placement);
        }
        """.formatted(nested)));
  }

  /** A store to the field through another path may be to the same object. */
  @Test
  void aStoreToTheFieldElsewhereForgetsIt() throws Exception {
    assertEquals(List.of(true, true), reachesGutAndMove(
        """
        int fault(struct obj *o, struct pl *q)
        {
        	fill(o, DOM_A);
        	q->count = 0;
        	return validate(o, &o->placement);
        }
        """));
  }

  @Test
  void aHelperCalledInAConditionDoesNotCount() throws Exception {
    assertEquals(List.of(true, true), reachesGutAndMove(
        """
        int fault(struct obj *o, int x)
        {
        	if (x && fill_checked(o))
        		return 0;
        	return validate(o, &o->placement);
        }

        static int fill_checked(struct obj *o)
        {
        	o->placement.count = 1;
        	return 1;
        }
        """));
  }

  /**
   * A kept run of a callee is the same whoever asked for it first: reset() calls refill() back,
   * whose store leaves the count at one, whether refill() or check() was run before.
   */
  @Test
  void aRunOfARecursiveCallDoesNotDependOnWhichCallerCameFirst() throws Exception {
    FileModel file;
    try (CFileParser parser = new CFileParser(KernelMacros.load(), 10_000)) {
      file = parser.parse("loop.c", """
          struct obj { unsigned int count; };

          void refill(struct obj *o)
          {
          	reset(o);
          	o->count = 1;
          }

          static void reset(struct obj *o)
          {
          	o->count = 0;
          	refill(o);
          }

          void check(struct obj *o)
          {
          	reset(o);
          	if (!o->count)
          		gut(o);
          }
          """.toCharArray());
    }
    ProgramModel model = new ProgramModel(List.of(file));
    FunctionDef check = function(file, "check");
    Values checkFirst = new Values(model);
    Values refillFirst = new Values(model);
    refillFirst.of(function(file, "refill"), Map.of());
    assertEquals(false, checkFirst.of(check, Map.of()).reaches(callTo(check, "gut")));
    assertEquals(false, refillFirst.of(check, Map.of()).reaches(callTo(check, "gut")));
  }
}
