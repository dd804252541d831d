package org.mmapcheck.corpus;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mmapcheck.analyzer.Version;
import org.mmapcheck.analyzer.engine.Profile;
import org.mmapcheck.analyzer.engine.ScanResult;
import org.mmapcheck.analyzer.report.FindingKey;
import org.mmapcheck.analyzer.report.SarifContext;
import org.mmapcheck.analyzer.report.SarifReport;
import org.mmapcheck.analyzer.source.DirectoryTree;

/**
 * The SARIF of {@code corpus/sample}, byte for byte, against {@code corpus/golden/sample.sarif}:
 * pins what the marker check does not see, i.e. code flows, related locations, fingerprints and
 * rule metadata. The tool version and the absolute URI of the tree are normalized first. After a
 * change meant to alter the report, regenerate it with
 * {@code mvn -q -pl corpus -am verify -Dtest=GoldenSarifTest -Dsurefire.failIfNoSpecifiedTests=false -Dmmapcheck.updateGolden=true}
 * and review the diff.
 */
class GoldenSarifTest {

  static final Path GOLDEN = Corpus.ROOT.resolve("golden/sample.sarif");
  static final Path ACTUAL = Corpus.ROOT.resolve("target/golden/sample.sarif");
  private static final int CONTEXT = 3;

  @Test
  void sampleSarifMatchesTheGoldenFile() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ScanResult scan = Corpus.sample().scan(Profile.CURRENT);
    SarifContext context = SarifContext.of(FindingKey.of(scan, new DirectoryTree(Corpus.SAMPLE)));
    SarifReport.write(scan, Corpus.SAMPLE, context, out);
    String actual = normalize(out.toString(StandardCharsets.UTF_8));
    assertTrue(actual.contains("\"codeFlows\"") && actual.contains("\"partialFingerprints\""), "nothing to pin");

    if (Boolean.getBoolean("mmapcheck.updateGolden")) {
      Files.createDirectories(GOLDEN.getParent());
      Files.writeString(GOLDEN, actual, StandardCharsets.UTF_8);
      System.out.println("golden: rewrote " + Corpus.ROOT.relativize(GOLDEN));
      return;
    }
    if (!Files.isRegularFile(GOLDEN)) fail(GOLDEN + " is missing; create it with -Dmmapcheck.updateGolden=true");
    String golden = Files.readString(GOLDEN, StandardCharsets.UTF_8);
    if (golden.equals(actual)) return;

    Files.createDirectories(ACTUAL.getParent());
    Files.writeString(ACTUAL, actual, StandardCharsets.UTF_8);
    fail(
        "the SARIF of corpus/sample differs from corpus/golden/sample.sarif (diff it with target/golden/sample.sarif;"
            + " if the change is meant, regenerate with -Dmmapcheck.updateGolden=true)\n"
            + firstDifference(golden.lines().toList(), actual.lines().toList()));
  }

  /** The report with what depends on the build and the checkout replaced by fixed words. */
  static String normalize(String sarif) {
    String version = "\"" + Version.get() + "\"";
    return sarif
        .replace("\"version\" : " + version, "\"version\" : \"VERSION\"")
        .replace("\"semanticVersion\" : " + version, "\"semanticVersion\" : \"VERSION\"")
        .replace(Corpus.SAMPLE.toUri().toString(), "file:///SAMPLE/");
  }

  /** The lines around the first difference, golden with '-', actual with '+'. */
  static String firstDifference(List<String> golden, List<String> actual) {
    int at = 0;
    while (at < golden.size() && at < actual.size() && golden.get(at).equals(actual.get(at))) at++;
    StringBuilder out = new StringBuilder("first difference at line " + (at + 1) + ":\n");
    for (int i = Math.max(0, at - CONTEXT); i < at; i++) out.append("  ").append(golden.get(i)).append('\n');
    for (int i = at; i < Math.min(golden.size(), at + CONTEXT); i++) out.append("- ").append(golden.get(i)).append('\n');
    for (int i = at; i < Math.min(actual.size(), at + CONTEXT); i++) out.append("+ ").append(actual.get(i)).append('\n');
    return out.toString();
  }
}
