package org.mmapcheck.analyzer.engine;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A rule's metadata: everything users see about it, apart from its documentation page. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RuleInfo {

  /** Stable id, {@code dmabuf/<kebab-phrase>}; never reused. */
  String id();

  /** Ids this rule was known by before a rename. */
  String[] aliases() default {};

  /** One line, no trailing period. */
  String summary();

  /** Level under the default (current) profile. */
  Severity severity();

  /** Level under the 2012 profile. */
  Severity severity2012();

  Precision precision();

  Kind kind() default Kind.PROBLEM;

  String[] tags() default {};

  /** The contract clause the rule enforces, by name. */
  String clause();
}
