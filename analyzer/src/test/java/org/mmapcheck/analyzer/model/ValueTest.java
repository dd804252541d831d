package org.mmapcheck.analyzer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the operations on a scalar's value give. */
class ValueTest {

  private static final Value ZERO = Value.of(Value.ZERO);
  private static final Value POSITIVE = Value.of(Value.POSITIVE);
  private static final Value VRAM = new Value(Value.ALL, Set.of("VRAM"));
  private static final Value GTT = new Value(Value.ALL, Set.of("GTT"));

  @Test
  void orIsNonZeroWhenEitherSideIs() {
    assertEquals(ZERO, ZERO.or(ZERO));
    assertEquals(Value.of(Value.NEGATIVE | Value.POSITIVE), POSITIVE.or(ZERO));
    assertEquals(Value.of(Value.NEGATIVE | Value.POSITIVE), ZERO.or(POSITIVE));
    assertEquals(Value.ANY, Value.ANY.or(ZERO));
  }

  @Test
  void orCarriesTheFlagsOfBothSides() {
    assertEquals(Set.of("VRAM", "GTT"), VRAM.or(GTT).flags());
    assertEquals(Set.of("VRAM"), VRAM.or(ZERO).flags());
  }

  @Test
  void joinKeepsTheSignsOfEitherAndTheFlagsOfBoth() {
    Value v = VRAM.or(GTT).join(VRAM);
    assertEquals(Set.of("VRAM"), v.flags());
    assertEquals(Value.of(Value.ZERO | Value.POSITIVE), ZERO.join(POSITIVE));
    assertFalse(ZERO.join(POSITIVE).join(Value.of(Value.NEGATIVE)).isKnown());
  }

  @Test
  void onlyNarrowsToTheSignsGivenOrNothing() {
    Value count = ZERO.join(POSITIVE);
    assertEquals(POSITIVE, count.only(Value.NEGATIVE | Value.POSITIVE));
    assertEquals(ZERO, count.only(Value.ZERO));
    assertNull(POSITIVE.only(Value.ZERO));
    assertEquals(Set.of(), VRAM.only(Value.ZERO).flags(), "a zero carries no flag");
  }

  @Test
  void aCountThatWasNotNegativeIsPositiveOnceIncremented() {
    assertEquals(POSITIVE, ZERO.join(POSITIVE).plusPositive());
    assertEquals(Value.ANY, Value.ANY.plusPositive());
    assertTrue(VRAM.isKnown());
  }
}
