package org.mmapcheck.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmapcheck.analyzer.engine.RuleDescriptor;
import org.mmapcheck.analyzer.testrules.ThrowingRule;
import org.mmapcheck.cli.MmapCheckTest.Run;
import org.mmapcheck.rules.BuiltinRules;

/** Bad input never destroys a file, never hangs, never reports a false clean. */
class BadInputTest {

  @TempDir Path dir;

  private static final int FILE_TYPE = 0170000;
  private static final int CHARACTER_DEVICE = 0020000;
  private static final int FIFO = 0010000;

  private static Run run(String... args) {
    return MmapCheckTest.run(args);
  }

  private static int fileType(Path p) throws IOException {
    return (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & FILE_TYPE;
  }

  /** Runs a command such as mknod; false when it failed (not root, say). */
  private static boolean exec(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    return p.waitFor() == 0;
  }

  private static void assertOneLine(Run r, String start, String end) {
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().startsWith(start), r.err());
    assertTrue(r.err().strip().endsWith(end), r.err());
  }

  @Test
  void outOfMemoryInAWorkerSaysOutOfMemory() throws IOException {
    RuleDescriptor throwing = RuleDescriptor.of(new ThrowingRule());
    RuleDescriptor exhausting =
        new RuleDescriptor(
            throwing.info(),
            (model, context) -> {
              throw new OutOfMemoryError("Java heap space");
            },
            throwing.documentation());
    Run r = MmapCheckTest.run(new ByteArrayOutputStream(), List.of(exhausting), "scan", MmapCheckTest.toyTree(dir).toString());
    assertEquals(3, r.exit());
    assertOneLine(r, "mmapcheck: out of memory; give the JVM more", "MMAPCHECK_JAVA_OPTS=-Xmx4g");
  }

  @Test
  void aRuleThatFailsMakesExitThreeAfterTheReportIsWritten() throws IOException {
    Path report = dir.resolve("out.sarif");
    Run r =
        MmapCheckTest.run(
            new ByteArrayOutputStream(),
            List.of(RuleDescriptor.of(new ThrowingRule())),
            "scan", "-o", report.toString(), MmapCheckTest.toyTree(dir).toString());
    assertEquals(3, r.exit());
    assertOneLine(r, "mmapcheck: internal error: rules failed", ": test/throws");
    JsonNode invocation = new ObjectMapper().readTree(report.toFile()).get("runs").get(0).get("invocations").get(0);
    assertFalse(invocation.get("executionSuccessful").asBoolean());
  }
}
