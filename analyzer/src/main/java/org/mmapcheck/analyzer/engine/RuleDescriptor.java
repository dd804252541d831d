package org.mmapcheck.analyzer.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** A rule with its metadata and documentation page. Rules are stateless, so one instance serves. */
public record RuleDescriptor(RuleInfo info, Rule rule, String documentation) {

  /** Reads the rule's {@link RuleInfo} and its page {@code docs/<id>.md}, a resource beside the class. */
  public static RuleDescriptor of(Rule rule) {
    Class<?> type = rule.getClass();
    RuleInfo info = type.getAnnotation(RuleInfo.class);
    if (info == null) throw new IllegalStateException(type.getName() + " has no @RuleInfo");
    String resource = "docs/" + info.id() + ".md";
    try (InputStream in = type.getResourceAsStream(resource)) {
      if (in == null) throw new IllegalStateException(type.getName() + " has no " + resource);
      return new RuleDescriptor(info, rule, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String id() {
    return info.id();
  }

  public Severity severity(Profile profile) {
    return profile == Profile.ORIGINAL_2012 ? info.severity2012() : info.severity();
  }

  /** The documentation without its title line, for help texts. */
  public String body() {
    String doc = documentation.strip();
    return doc.startsWith("#") ? doc.substring(doc.indexOf('\n') + 1).strip() : doc;
  }
}
