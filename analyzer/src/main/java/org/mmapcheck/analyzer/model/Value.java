package org.mmapcheck.analyzer.model;

import java.util.HashSet;
import java.util.Set;

/**
 * What a scalar may hold: the signs it may have, and the named flags it is known to carry
 * ({@code domain = FOO_GART | busy} carries FOO_GART). A flag tested with {@code &} is taken to
 * be non-zero, as a test of a zero flag would never hold.
 *
 * @param signs the signs it may have: {@link #NEGATIVE}, {@link #ZERO}, {@link #POSITIVE}
 * @param flags the flags it is known to carry
 */
public record Value(int signs, Set<String> flags) {

  static final int NEGATIVE = 1, ZERO = 2, POSITIVE = 4, ALL = NEGATIVE | ZERO | POSITIVE;

  /** Nothing known. */
  static final Value ANY = new Value(ALL, Set.of());

  public Value {
    flags = Set.copyOf(flags);
  }

  static Value of(int signs) {
    return new Value(signs, Set.of());
  }

  boolean isKnown() {
    return signs != ALL || !flags.isEmpty();
  }

  boolean mayBe(int sign) {
    return (signs & sign) != 0;
  }

  /** This value where it has one of the signs, or null when it has none of them. */
  Value only(int kept) {
    int s = signs & kept;
    return s == 0 ? null : new Value(s, s == ZERO ? Set.of() : flags);
  }

  /** What holds of either value. */
  Value join(Value other) {
    Set<String> both = new HashSet<>(flags);
    both.retainAll(other.flags);
    return new Value(signs | other.signs, both);
  }

  /** {@code this | other}. */
  Value or(Value other) {
    Set<String> either = new HashSet<>(flags);
    either.addAll(other.flags);
    int s = signs == ZERO && other.signs == ZERO ? ZERO : !mayBe(ZERO) || !other.mayBe(ZERO) ? NEGATIVE | POSITIVE : ALL;
    return new Value(s, either);
  }

  /** {@code this + n} for a positive n, overflow aside: a count that was not negative is positive. */
  Value plusPositive() {
    return mayBe(NEGATIVE) ? ANY : of(POSITIVE);
  }
}
