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
    try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
      Properties p = new Properties();
      if (in != null) p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
