package org.mmapcheck.analyzer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The one version string, filled in by the build. */
public final class Version {

  public static final String NAME = "mmapcheck";
  public static final String INFORMATION_URI = "https://github.com/mmapcheck/mmapcheck";

  private Version() {}

  public static String get() {
    return properties().getProperty("version", "unknown");
  }

  /**
   * The version and the time of the build: what a cache keys its entries by, so that a rebuilt
   * tool, whatever changed in it, never reads what an earlier build kept.
   */
  public static String build() {
    Properties p = properties();
    return p.getProperty("version", "unknown") + "+" + p.getProperty("build", "unknown");
  }

  private static Properties properties() {
    try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
      Properties p = new Properties();
      if (in != null) p.load(in);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
