package org.mmapcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.mmapcheck.cli.MmapCheckTest.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmapcheck.analyzer.engine.RuleDescriptor;
import org.mmapcheck.analyzer.testrules.ThrowingRule;
import org.mmapcheck.cli.MmapCheckTest.Run;
import org.mmapcheck.rules.BuiltinRules;

/**
 * check-patch on a repository of corpus/sample built with JGit, with a series of patches
 * written as git format-patch writes them; and the pre-push hook and b4 command line shipped in
 * contrib/, run as git and b4 run them.
 */
class CheckPatchTest {

  private static final Path SAMPLE = Path.of("../corpus/sample");
  private static final Path CONTRIB = Path.of("../contrib");
  private static final String UBUF = "drivers/dma-buf/toy_udmabuf.c";
  private static final String FINDING =
      UBUF
          + ":19: ERROR: page fault handler toy_ubuf_vm_ops.fault reaches dma_resv_wait_timeout(): a fault on the dma-buf"
          + " mapping waits for device work [dmabuf/fault-sync]";

  @TempDir Path dir;

  private Git git;
  private RevCommit base;
  /** The series as format-patch files: a wait in a fault handler, then an unrelated new file. */
  private final List<String> patches = new ArrayList<>();

  private Path work() {
    return dir.resolve("work");
  }

  @BeforeEach
  void series() throws Exception {
    try (Stream<Path> files = Files.walk(SAMPLE)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Path to = work().resolve(SAMPLE.relativize(f).toString());
        Files.createDirectories(to.getParent());
        Files.copy(f, to);
      }
    }
    git = Git.init().setDirectory(work().toFile()).setInitialBranch("main").call();
    base = commit("sample");
    Path ubuf = work().resolve(UBUF);
    Files.writeString(
        ubuf,
        Files.readString(ubuf)
            .replace(
                "\tif (pgoff >= ubuf->pagecount)",
                "\tdma_resv_wait_timeout(ubuf->resv, DMA_RESV_USAGE_WRITE, false, MAX_SCHEDULE_TIMEOUT);\n\tif (pgoff >= ubuf->pagecount)"));
    RevCommit wait = commit("dma-buf: toy_udmabuf: wait for the fence at fault time");
    Files.writeString(work().resolve("drivers/misc/toy_led.c"), "int toy_led_on(int n)\n{\n\treturn n + 1;\n}\n");
    RevCommit led = commit("misc: toy_led: add a led");
    patches.add(formatPatch(base, wait, 1, 2));
    patches.add(formatPatch(wait, led, 2, 2));
  }

  private RevCommit commit(String message) throws Exception {
    git.add().addFilepattern(".").call();
    return git.commit().setMessage(message).setAuthor("Toy Dev", "toy@example.org").setSign(false).call();
  }

  /** A patch as git format-patch writes it, with the diff from JGit. */
  private String formatPatch(RevCommit parent, RevCommit commit, int n, int total) throws IOException {
    ByteArrayOutputStream diff = new ByteArrayOutputStream();
    try (DiffFormatter f = new DiffFormatter(diff)) {
      f.setRepository(git.getRepository());
      f.format(parent.getTree(), commit.getTree());
    }
    return "From " + commit.name() + " Mon Sep 17 00:00:00 2001\n"
        + "From: Toy Dev <toy@example.org>\n"
        + "Date: Tue, 1 Dec 2026 12:00:00 +0000\n"
        + "Subject: [PATCH " + n + "/" + total + "] " + commit.getShortMessage() + "\n\n"
        + "A change.\n\nSigned-off-by: Toy Dev <toy@example.org>\n---\n"
        + diff.toString(StandardCharsets.UTF_8)
        + "-- \n2.47.0\n\n";
  }

  private Path file(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  private Run checkPatch(String... args) {
    return checkPatchOn(base.name(), args);
  }

  private Run checkPatchOn(String rev, String... args) {
    List<String> all = new ArrayList<>(List.of("check-patch", "--repo", work().toString(), "--base", rev));
    all.addAll(Arrays.asList(args));
    return run(all.toArray(String[]::new));
  }

  private static Run withStdin(String stdin, String... args) {
    return MmapCheckTest.run(
        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(), BuiltinRules.all(), args);
  }

  @Test
  void aSeriesReportsWhatEachPatchIntroducesNamedByPatch() throws Exception {
    Path first = file("0001-wait.patch", patches.get(0));
    Path second = file("0002-led.patch", patches.get(1));
    Run r = checkPatch(first.toString(), second.toString());
    assertEquals(1, r.exit(), r.err());
    assertEquals("", r.err());
    assertEquals(
        List.of("--- patch 1/2: 0001-wait.patch ([PATCH 1/2] dma-buf: toy_udmabuf: wait for the fence at fault time)", FINDING),
        r.out().lines().toList());

    Run unrelated = checkPatchOn(git.getRepository().resolve("HEAD~1").name(), second.toString());
    assertEquals(0, unrelated.exit(), unrelated.err());
    assertEquals("", unrelated.out(), "a patch that changes no mmap path reports nothing");

    assertEquals(0, checkPatch("--fail-on", "never", first.toString()).exit());
  }

  /** Each tree's findings are kept: a series checked again, as b4 does on every prep --check, reads them back. */
  @Test
  void aSeriesCheckedAgainReportsAsWithoutTheCache() throws Exception {
    Path one = file("0001.patch", patches.get(0));
    Path two = file("0002.patch", patches.get(1));
    String cache = dir.resolve("kept").toString();
    for (String format : List.of("text", "json")) {
      Run none = checkPatch("--format", format, "--no-cache", one.toString(), two.toString());
      assertEquals(1, none.exit(), none.err());
      if (format.equals("text")) assertTrue(none.out().contains(FINDING), none.out());
      assertEquals(none, checkPatch("--format", format, "--cache", cache, one.toString(), two.toString()));
      assertEquals(none, checkPatch("--format", format, "--cache", cache, one.toString(), two.toString()));
    }
  }

  @Test
  void aRuleThatFailsEndsTheCheckInExitThreeAfterTheReport() throws Exception {
    Path first = file("0001-wait.patch", patches.get(0));
    Run r =
        MmapCheckTest.run(
            new ByteArrayOutputStream(),
            List.of(RuleDescriptor.of(new ThrowingRule())),
            "check-patch", "--repo", work().toString(), "--base", base.name(), first.toString());
    assertEquals(3, r.exit(), r.err());
    assertTrue(r.err().startsWith("mmapcheck: internal error: rules failed"), r.err());
  }

  @Test
  void anMboxOfASeriesIsSplitAndItsCoverLetterSkipped() throws Exception {
    String cover =
        "From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001\n"
            + "From: Toy Dev <toy@example.org>\nSubject: [PATCH 0/2] toy changes\n\nTwo changes.\n\n";
    Path mbox = file("series.mbox", cover + patches.get(0) + patches.get(1));
    Run r = checkPatch("--format", "json", mbox.toString());
    assertEquals(1, r.exit(), r.err());
    JsonNode list = new ObjectMapper().readTree(r.out()).get("patches");
    assertEquals(2, list.size());
    assertEquals("[PATCH 2/2] misc: toy_led: add a led", list.get(1).get("subject").asText());
    assertEquals(0, list.get(1).get("findings").size());
    JsonNode finding = list.get(0).get("findings").get(0);
    assertEquals("dmabuf/fault-sync", finding.get("rule").asText());
    assertEquals(19, finding.get("line").asInt());

    // Patch files joined with cat, the first without its closing empty line, are still two.
    Path joined = file("joined.mbox", patches.get(0).stripTrailing() + "\n" + patches.get(1));
    JsonNode two = new ObjectMapper().readTree(checkPatch("--format", "json", joined.toString()).out()).get("patches");
    assertEquals(List.of("[PATCH 1/2] dma-buf: toy_udmabuf: wait for the fence at fault time", "[PATCH 2/2] misc: toy_led: add a led"),
        List.of(two.get(0).get("subject").asText(), two.get(1).get("subject").asText()));

    Run text = checkPatch(mbox.toString());
    assertEquals(
        "--- patch 1/2: series.mbox#2 ([PATCH 1/2] dma-buf: toy_udmabuf: wait for the fence at fault time)",
        text.out().lines().findFirst().orElseThrow());
  }

  @Test
  void aPatchOnStandardInputPrintsOnlyItsFindings() {
    Run r = withStdin(patches.get(0), "check-patch", "--repo", work().toString(), "--base", base.name(), "-");
    assertEquals(1, r.exit(), r.err());
    assertEquals(FINDING + "\n", r.out());

    Run sarif = withStdin(patches.get(0), "check-patch", "--repo", work().toString(), "--base", base.name(), "--format", "sarif");
    assertTrue(sarif.out().contains("\"baselineState\" : \"new\"") || sarif.out().contains("\"baselineState\":\"new\""), sarif.out());
  }

  @Test
  void onABranchThatHoldsTheSeriesEachPatchIsCheckedOnWhatItFound() {
    // b4 prep check feeds each commit of the branch while HEAD already holds the whole series.
    Run first = withStdin(patches.get(0), "check-patch", "--repo", work().toString());
    assertEquals(1, first.exit(), first.err());
    assertEquals(FINDING + "\n", first.out());
    Run second = withStdin(patches.get(1), "check-patch", "--repo", work().toString());
    assertEquals(0, second.exit(), second.err());
    assertEquals("", second.out() + second.err());
  }

  @Test
  void aPatchAsB4SendsItWithAnEmptyLineBeforeTheSignatureApplies() {
    // b4 0.14's prep --check leaves an empty line between the last hunk and "-- ".
    String fromB4 = patches.get(0).replace("\n-- \n", "\n\n-- \n");
    Run r = withStdin(fromB4, "check-patch", "--repo", work().toString());
    assertEquals(1, r.exit(), r.err());
    assertEquals(FINDING + "\n", r.out());
  }

  @Test
  void aPatchThatDoesNotApplyNamesThePatchAndTheHunk() throws Exception {
    Path bad = file("0003-bad.patch", patches.get(0).replace(" \tif (pgoff >= ubuf->pagecount)", " \tif (pgoff > ubuf->pagecount)")
        .replaceAll("index [0-9a-f]+\\.\\.[0-9a-f]+", "index 1111111..2222222"));
    Run r = checkPatch(file("0002-led.patch", patches.get(1)).toString(), bad.toString());
    assertEquals(2, r.exit(), r.err());
    assertEquals("", r.out());
    assertEquals(
        "mmapcheck: patch 0003-bad.patch ([PATCH 1/2] dma-buf: toy_udmabuf: wait for the fence at fault time) does not apply: "
            + UBUF + " @@ -16,6 +16,7 @@: Hunk cannot be applied\n",
        r.err());

    Run none = withStdin("just a message\n", "check-patch", "--repo", work().toString());
    assertEquals(2, none.exit());
    assertEquals("mmapcheck: no patch in standard input\n", none.err());
  }

  /** A stand-in for the launcher: this test's own classes, so no packaged jar is needed. */
  private Path stubOnPath() throws IOException {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path stub = bin.resolve("mmapcheck");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Files.writeString(
        stub,
        "#!/bin/sh\nexec '" + java + "' -cp '" + System.getProperty("java.class.path") + "' org.mmapcheck.cli.MmapCheck \"$@\"\n");
    assertTrue(stub.toFile().setExecutable(true));
    return bin;
  }

  private static boolean hasGit() {
    try {
      return new ProcessBuilder("git", "--version").start().waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  private record Ran(int exit, String out, String err) {}

  /** Runs a command as b4 and git do, its name looked up on a PATH that has {@code bin} first. */
  private Ran exec(List<String> command, Path cwd, String stdin, Path bin) throws Exception {
    List<String> viaPath = new ArrayList<>(List.of("sh", "-c", "exec \"$@\"", "sh"));
    viaPath.addAll(command);
    ProcessBuilder pb = new ProcessBuilder(viaPath).directory(cwd.toFile());
    pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    Process p = pb.start();
    try (var in = p.getOutputStream()) {
      in.write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Ran(p.waitFor(), out, err);
  }

  @Test
  void thePrePushHookRefusesAPushThatIntroducesFindings() throws Exception {
    assumeTrue(hasGit(), "git is not installed: the hook needs it");
    Path bin = stubOnPath();
    String tip = git.getRepository().resolve("HEAD").name();
    String parent = git.getRepository().resolve("HEAD~1").name();
    List<String> hook = List.of("sh", CONTRIB.resolve("pre-push").toAbsolutePath().toString(), "origin", "/nowhere");

    Ran both = exec(hook, work(), "refs/heads/main " + tip + " refs/heads/main " + base.name() + "\n", bin);
    assertEquals(1, both.exit(), both.err());
    assertEquals(
        UBUF + ":19:2: error: page fault handler toy_ubuf_vm_ops.fault reaches dma_resv_wait_timeout(): a fault on the"
            + " dma-buf mapping waits for device work [dmabuf/fault-sync]\n",
        both.out());
    assertTrue(both.err().contains("refs/heads/main introduces findings; push refused"), both.err());

    Ran unrelated = exec(hook, work(), "refs/heads/main " + tip + " refs/heads/main " + parent + "\n", bin);
    assertEquals(0, unrelated.exit(), unrelated.err());
    assertEquals("", unrelated.out());

    String zero = "0".repeat(40);
    Ran deletion = exec(hook, work(), "(delete) " + zero + " refs/heads/old " + tip + "\n", bin);
    assertEquals(0, deletion.exit(), deletion.err());
    assertEquals("", deletion.out() + deletion.err());
  }

  /** The check-patch command lines of contrib/b4-config, split as b4 splits them (shlex). */
  private static List<List<String>> b4Commands() throws IOException {
    List<List<String>> commands = new ArrayList<>();
    for (String line : Files.readAllLines(CONTRIB.resolve("b4-config"))) {
      String t = line.strip();
      if (t.matches("(am|prep)-perpatch-check-cmd = mmapcheck .*"))
        commands.add(List.of(t.substring(t.indexOf('=') + 1).strip().split("\\s+")));
    }
    return commands;
  }

  @Test
  void b4RunsTheConfiguredCommandFromTheTopWithThePatchOnStandardInput() throws Exception {
    Path bin = stubOnPath();
    List<List<String>> commands = b4Commands();
    assertEquals(2, commands.size(), "one command for b4 am, one for b4 prep");
    for (List<String> command : commands) {
      // b4 writes the message's headers and body, without the mbox "From " line.
      String first = patches.get(0).substring(patches.get(0).indexOf('\n') + 1);
      String second = patches.get(1).substring(patches.get(1).indexOf('\n') + 1);
      Ran wait = exec(command, work(), first, bin);
      assertEquals(FINDING + "\n", wait.out(), wait.err());
      assertEquals("", wait.err(), "b4 counts every standard-error line as a failure");
      assertEquals(1, wait.exit());
      Ran led = exec(command, work(), second, bin);
      // No output and exit 0 is what b4 reports as "passed all checks".
      assertEquals("", led.out() + led.err());
      assertEquals(0, led.exit());
    }
  }
}
