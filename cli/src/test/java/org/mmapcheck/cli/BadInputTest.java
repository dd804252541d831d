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
  void outputThroughASymlinkReplacesItsTargetAndKeepsTheLink() throws IOException {
    String tree = MmapCheckTest.toyTree(dir).toString();
    Path target = dir.resolve("real.sarif");
    Files.writeString(target, "old");
    Path link = Files.createSymbolicLink(dir.resolve("link.sarif"), Path.of("real.sarif"));
    assertEquals(0, run("scan", "-o", link.toString(), tree).exit());
    assertTrue(Files.isSymbolicLink(link));
    assertEquals("2.1.0", new ObjectMapper().readTree(target.toFile()).get("version").asText());

    Path dangling = Files.createSymbolicLink(dir.resolve("dangling.sarif"), Path.of("new.sarif"));
    assertEquals(0, run("scan", "-o", dangling.toString(), tree).exit());
    assertTrue(Files.isSymbolicLink(dangling));
    assertTrue(Files.isRegularFile(dir.resolve("new.sarif"), LinkOption.NOFOLLOW_LINKS));
  }

  @Test
  void outputToACharacterDeviceIsWrittenInPlace() throws Exception {
    String tree = MmapCheckTest.toyTree(dir).toString();
    // Nodes with /dev/null's and /dev/full's numbers, made here: no system device is touched.
    Path sink = dir.resolve("null");
    Path full = dir.resolve("full");
    assumeTrue(exec("mknod", sink.toString(), "c", "1", "3") && exec("mknod", full.toString(), "c", "1", "7"),
        "mknod needs root");

    assertEquals(0, run("scan", "-o", sink.toString(), tree).exit());
    assertEquals(CHARACTER_DEVICE, fileType(sink));

    Run r = run("scan", "-o", full.toString(), tree);
    assertEquals(2, r.exit());
    assertOneLine(r, "mmapcheck: cannot write --output " + full, "No space left on device");
    assertEquals(CHARACTER_DEVICE, fileType(full));

    Run stdout;
    try (FileOutputStream out = new FileOutputStream(full.toFile())) {
      stdout = MmapCheckTest.run(out, BuiltinRules.all(), "scan", tree);
    }
    assertEquals(2, stdout.exit());
    assertOneLine(stdout, "mmapcheck: cannot write the report to standard output", "standard output");
  }

  @Test
  void outputToAFifoIsWrittenWholeToItsReader() throws Exception {
    String tree = MmapCheckTest.toyTree(dir).toString();
    Path fifo = dir.resolve("fifo");
    assertTrue(exec("mkfifo", fifo.toString()));
    CompletableFuture<byte[]> read =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return Files.readAllBytes(fifo);
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    assertEquals(0, run("scan", "-o", fifo.toString(), tree).exit());
    JsonNode sarif = new ObjectMapper().readTree(read.get());
    assertEquals("2.1.0", sarif.get("version").asText());
    assertEquals(FIFO, fileType(fifo));
  }

  @Test
  void outputToADirectoryOrASocketIsRefused() throws IOException {
    String tree = MmapCheckTest.toyTree(dir).toString();
    Path sub = Files.createDirectory(dir.resolve("sub"));
    Run r = run("scan", "-o", sub.toString(), tree);
    assertEquals(2, r.exit());
    assertOneLine(r, "mmapcheck: cannot write --output " + sub, ": is a directory");
    assertEquals("", r.out());

    Path socket = dir.resolve("socket");
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(socket));
      Run s = run("scan", "-o", socket.toString(), tree);
      assertEquals(2, s.exit());
      assertOneLine(s, "mmapcheck: cannot write --output ", "is not a regular file, character device or FIFO");
    }
  }

  @Test
  void outputWhereNoFileCanBeMadeIsRefusedBeforeTheScan() throws IOException {
    String tree = MmapCheckTest.toyTree(dir).toString();
    // Under a regular file: refused even for root.
    Path file = Files.writeString(dir.resolve("file"), "");
    Run under = run("scan", "-o", file.resolve("out.sarif").toString(), tree);
    assertEquals(2, under.exit());
    assertOneLine(under, "mmapcheck: cannot write --output ", ": Not a directory");

    // A read-only directory: root may write there all the same, so this part holds for other users.
    Path readOnly = Files.createDirectory(dir.resolve("ro"));
    Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
    assumeTrue(!Files.isWritable(readOnly), "running as root: a read-only mode does not stop a write");
    Run r = run("scan", "-o", readOnly.resolve("out.sarif").toString(), tree);
    assertEquals(2, r.exit());
    assertOneLine(r, "mmapcheck: cannot write --output ", "its directory is not writable");
  }

  @Test
  void aFailedWriteToStandardOutputIsAnError() throws IOException {
    OutputStream broken =
        new OutputStream() {
          @Override
          public void write(int b) throws IOException {
            throw new IOException("No space left on device");
          }
        };
    Run r = MmapCheckTest.run(broken, BuiltinRules.all(), "scan", "--format", "text", MmapCheckTest.toyTree(dir).toString());
    assertEquals(2, r.exit());
    assertOneLine(r, "mmapcheck: cannot write the report to standard output", "standard output");
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

  @Test
  void jobsOutOfRangeIsBadInput() throws IOException {
    String tree = MmapCheckTest.toyTree(dir).toString();
    for (String jobs : List.of("0", "40000")) {
      Run r = run("scan", "--jobs", jobs, tree);
      assertEquals(2, r.exit(), jobs);
      assertOneLine(r, "mmapcheck: --jobs must be between 1 and 256", "not " + jobs);
    }
    assertEquals(0, run("scan", "--jobs", "256", tree).exit());
  }

  @Test
  void aBadApiFileIsOneLineNamingWhatIsWrong() throws IOException {
    String tree = MmapCheckTest.toyTree(dir).toString();
    Path api = dir.resolve("api.txt");
    Files.writeString(api, "wait: ok_wait\nwiat: my_wait\n");
    Run unknown = run("scan", "--api", api.toString(), tree);
    assertEquals(2, unknown.exit());
    assertOneLine(unknown, "mmapcheck: --api: " + api + ":2: unknown category 'wiat'; known: wait, map, ", "core");

    Files.write(api, new byte[] {'w', 'a', 'i', 't', ':', ' ', (byte) 0xff, '\n'});
    Run latin1 = run("scan", "--api", api.toString(), tree);
    assertEquals(2, latin1.exit());
    assertOneLine(latin1, "mmapcheck: --api: " + api + ":1: not UTF-8 text", "not UTF-8 text");

    Run directory = run("scan", "--api", dir.toString(), tree);
    assertEquals(2, directory.exit());
    assertOneLine(directory, "mmapcheck: --api: not a regular file: ", dir.toString());

    Run missing = run("scan", "--api", dir.resolve("none").toString(), tree);
    assertEquals(2, missing.exit());
    assertOneLine(missing, "mmapcheck: --api: no such file: ", "none");
  }

  @Test
  void anUnreadableApiFileSaysWhy() throws IOException {
    // A regular file whose read fails: the process's own memory at address 0 (EIO, or EACCES
    // where the container forbids it), as root too.
    Path unreadable = Path.of("/proc/self/mem");
    assumeTrue(Files.isRegularFile(unreadable), "no /proc");
    Run r = run("scan", "--api", unreadable.toString(), MmapCheckTest.toyTree(dir).toString());
    assertEquals(2, r.exit());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().startsWith("mmapcheck: --api: cannot read /proc/self/mem: "), r.err());
    assertTrue(r.err().strip().length() > "mmapcheck: --api: cannot read /proc/self/mem: ".length(), r.err());
  }

  @Test
  void textOutputEscapesControlCharactersFromTheTree() throws IOException {
    Path drv = Files.createDirectories(dir.resolve("forged/drivers/toy"));
    String name = "x.c:1:1: error: forged\n\033[2Ky.c";
    Files.copy(MmapCheckTest.toyTree(dir).resolve("drivers/toy/toy.c"), drv.resolve(name));
    String tree = dir.resolve("forged").toString();

    Run scan = run("scan", "--format", "text", "--profile", "2012", tree);
    assertEquals(1, scan.exit(), scan.err());
    assertEquals(1, scan.out().lines().count(), scan.out());
    assertTrue(scan.out().startsWith("drivers/toy/x.c:1:1: error: forged\\n\\033[2Ky.c:6:33: error: "), scan.out());
    assertFalse(scan.out().contains("\033"), scan.out());

    Run inventory = run("inventory", "--format", "text", tree);
    assertEquals(0, inventory.exit(), inventory.err());
    assertTrue(inventory.out().startsWith("drivers/toy/x.c:1:1: error: forged\\n\\033[2Ky.c:6: "), inventory.out());
    assertFalse(inventory.out().contains("\033"), inventory.out());
  }

  @Test
  void textOutputCountsFilesNotAnalysedOnStandardError() throws IOException {
    Path tree = MmapCheckTest.toyTree(dir);
    // Over the 4 MiB parse limit: named as an exporter's file, then not parsed.
    String big = "struct dma_buf_ops;\n" + "/* padding */\n".repeat(400_000);
    Files.writeString(tree.resolve("drivers/toy/big.c"), big);

    Run scan = run("scan", "--format", "text", tree.toString());
    assertEquals(0, scan.exit(), scan.err());
    assertEquals(
        "mmapcheck: 1 file not analysed in full (not parsed, too large or unreadable); scan --format json lists why\n",
        scan.err());
    Run inventory = run("inventory", "--format", "text", tree.toString());
    assertEquals(scan.err(), inventory.err());
    Run json = run("scan", "--format", "json", tree.toString());
    assertEquals("", json.err(), "json lists the notifications itself");
    assertTrue(json.out().contains("over the parse limit"), json.out());
  }

  @Test
  void jsonIsTheSameBytesEachRunAndHasTimesOnlyWithStats() throws IOException {
    String tree = MmapCheckTest.toyTree(dir).toString();
    Run first = run("scan", "--format", "json", tree);
    Run second = run("scan", "--format", "json", tree);
    assertEquals(0, first.exit(), first.err());
    assertArrayEquals(first.out().getBytes(StandardCharsets.UTF_8), second.out().getBytes(StandardCharsets.UTF_8));
    assertFalse(new ObjectMapper().readTree(first.out()).has("stats"));
    Run stats = run("scan", "--format", "json", "--stats", tree);
    assertTrue(new ObjectMapper().readTree(stats.out()).get("stats").has("parseMillis"), stats.out());
  }
}
