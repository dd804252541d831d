package org.mmapcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmapcheck.analyzer.report.SarifSchema;
import org.mmapcheck.cli.MmapCheckTest.Run;

/**
 * contrib/github-workflow.yml, run as GitHub would run it for a push and for a pull request: its
 * mmapcheck command lines, with the launcher replaced by an in-process run, in a workspace laid
 * out as its checkout steps lay it out, on a repository of corpus/sample built with JGit.
 */
class WorkflowTest {

  private static final Path WORKFLOW = Path.of("../contrib/github-workflow.yml");
  private static final String LAUNCHER = "mmapcheck/cli/bin/mmapcheck";
  private static final Pattern EXPRESSION = Pattern.compile("\\$\\{\\{\\s*(.*?)\\s*}}");
  /** A term of a step's condition: the event's name, or the pull request's repository against this one. */
  private static final Pattern TERM =
      Pattern.compile("(github\\.event_name|github\\.event\\.pull_request\\.head\\.repo\\.full_name) (==|!=) (?:'(\\w+)'|(github\\.repository))");

  /** An event the workflow runs on: a push, or a pull request from a branch of the repository or from a fork. */
  private record Event(String name, boolean fork) {
    static final Event PUSH = new Event("push", false);
    static final Event PULL_REQUEST = new Event("pull_request", false);
    static final Event FORK_PULL_REQUEST = new Event("pull_request", true);
  }

  @TempDir Path dir;

  private JsonNode steps;
  private RevCommit base;
  private RevCommit head;

  @BeforeEach
  void workflowAndRepository() throws Exception {
    JsonNode workflow = new ObjectMapper(new YAMLFactory()).readTree(WORKFLOW.toFile());
    assertTrue(workflow.get("on").has("push") && workflow.get("on").has("pull_request"), "runs on push and pull_request");
    steps = workflow.get("jobs").get("mmapcheck").get("steps");
    try (Git git = GitCommandsTest.sampleRepository(dir.resolve("origin"))) {
      base = git.log().call().iterator().next();
      Files.writeString(dir.resolve("origin/drivers/misc/toy_new.c"), GitCommandsTest.TOY);
      GitCommandsTest.commit(git, "misc: toy_new: an exporter without mmap");
      head = git.log().call().iterator().next();
    }
  }

  /**
   * Whether a step's {@code if:} lets it run on this event: terms of {@link #TERM} joined by
   * {@code ||} or by {@code &&}; nothing else is understood.
   */
  private static boolean runsOn(JsonNode step, Event event) {
    if (!step.has("if")) return true;
    String condition = step.get("if").asText().strip();
    boolean any = condition.contains("||");
    if (any && condition.contains("&&")) fail("a condition this test does not understand: " + condition);
    boolean result = !any;
    for (String term : condition.split(any ? "\\|\\|" : "&&")) result = any ? result || holds(term.strip(), event) : result && holds(term.strip(), event);
    return result;
  }

  private static boolean holds(String term, Event event) {
    Matcher m = TERM.matcher(term);
    boolean byName = m.matches() && m.group(1).equals("github.event_name");
    if (!m.matches() || byName != (m.group(3) != null)) fail("a condition this test does not understand: " + term);
    // A push has no pull request: its repository's name is empty there, as GitHub gives a missing value.
    boolean equal = byName ? m.group(3).equals(event.name()) : event.name().equals("pull_request") && !event.fork();
    return m.group(2).equals("==") == equal;
  }

  private List<JsonNode> stepsOn(Event event) {
    return StreamSupport.stream(steps.spliterator(), false).filter(s -> runsOn(s, event)).toList();
  }

  private List<JsonNode> stepsUsing(Event event, String action) {
    return stepsOn(event).stream().filter(s -> s.path("uses").asText().startsWith(action + "@")).toList();
  }

  private static boolean runsMmapcheck(JsonNode step) {
    return step.has("run") && step.get("run").asText().contains(LAUNCHER);
  }

  private static JsonNode onlyStep(List<JsonNode> steps, String what) {
    assertEquals(1, steps.size(), "one step " + what + ": " + steps);
    return steps.get(0);
  }

  /** The kernel's checkout on this event: the checkout of the workflow's own repository. */
  private JsonNode kernelCheckout(Event event) {
    return onlyStep(
        stepsUsing(event, "actions/checkout").stream().filter(s -> !s.path("with").has("repository")).toList(),
        "checks out the kernel on " + event);
  }

  /** The values GitHub gives the workflow's expressions, with the workspace here. */
  private Map<String, String> github(Path workspace) {
    return Map.of(
        "github.workspace", workspace.toString(),
        "github.event.pull_request.base.sha", base.name(),
        "github.event.pull_request.head.sha", head.name());
  }

  /** The expressions of the workflow replaced by what GitHub would give on this event. */
  private String substitute(String text, Map<String, String> values) {
    Matcher m = EXPRESSION.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = values.get(m.group(1));
      assertNotNull(value, "an expression this test has no value for: " + m.group());
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    return m.appendTail(out).toString();
  }

  /** One plain command line split into words as sh splits it: quotes and backslashes, nothing expanded. */
  static List<String> words(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = null;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == ' ' || c == '\t') {
        if (word != null) words.add(word.toString());
        word = null;
        continue;
      }
      if (word == null) word = new StringBuilder();
      if (c == '\'') {
        int end = line.indexOf('\'', i + 1);
        assertTrue(end > 0, "unclosed quote: " + line);
        word.append(line, i + 1, end);
        i = end;
      } else if (c == '"') {
        for (i++; i < line.length() && line.charAt(i) != '"'; i++) {
          char q = line.charAt(i);
          assertFalse(q == '$' || q == '`', "an expansion this test does not make: " + line);
          if (q == '\\' && i + 1 < line.length() && "\\\"".indexOf(line.charAt(i + 1)) >= 0) q = line.charAt(++i);
          word.append(q);
        }
        assertTrue(i < line.length(), "unclosed quote: " + line);
      } else if (c == '\\' && i + 1 < line.length()) {
        word.append(line.charAt(++i));
      } else {
        assertTrue("$`;&|<>()*?[~#\n".indexOf(c) < 0, "shell syntax this test does not run: '" + c + "' in " + line);
        word.append(c);
      }
    }
    if (word != null) words.add(word.toString());
    return words;
  }

  /**
   * A run step's command line with the launcher run in-process, from {@code workspace}: the words
   * that are paths there (an entry of the workspace, or the report file) made absolute, as the
   * shell's working directory would make them.
   */
  private static Run runStep(String line, Path workspace) {
    List<String> words = words(line);
    assertEquals(LAUNCHER, words.get(0), line);
    List<String> args = new ArrayList<>();
    for (int i = 1; i < words.size(); i++) {
      String w = words.get(i);
      boolean report = List.of("-o", "--output").contains(words.get(i - 1));
      boolean inWorkspace = !w.startsWith("-") && !w.startsWith("/") && Files.exists(workspace.resolve(w.split("/")[0]));
      args.add(report || inWorkspace ? workspace.resolve(w).toString() : w);
    }
    return MmapCheckTest.run(args.toArray(String[]::new));
  }

  /**
   * Lays out the workspace for this event (the kernel cloned from the repository at the depth its
   * checkout fetches), runs the event's mmapcheck step there, and checks the SARIF the upload
   * step sends: valid, where it looks for it, its paths relative to the kernel checkout.
   */
  private JsonNode runOn(Event event) throws Exception {
    Path workspace = Files.createDirectories(dir.resolve(event.name() + (event.fork() ? "-fork" : "")));
    JsonNode checkout = kernelCheckout(event).get("with");
    assertEquals("linux", checkout.get("path").asText(), "linux/ is the kernel checkout");
    String depth = checkout.has("fetch-depth") ? checkout.get("fetch-depth").asText() : "1"; // checkout's default
    assertTrue(depth.matches("\\d+"), "a fetch-depth this test cannot evaluate: " + depth);
    Path linux = workspace.resolve(checkout.get("path").asText());
    var clone = Git.cloneRepository().setURI("file://" + dir.resolve("origin").toAbsolutePath()).setDirectory(linux.toFile());
    if (!depth.equals("0")) clone.setDepth(Integer.parseInt(depth)); // 0: all history
    clone.call().close();

    Map<String, String> github = github(workspace);
    JsonNode step = onlyStep(stepsOn(event).stream().filter(WorkflowTest::runsMmapcheck).toList(), "runs mmapcheck on " + event);
    String line = substitute(step.get("run").asText().strip(), github);
    Run r = runStep(line, workspace);
    assertEquals(0, r.exit(), line + "\n" + r.err());

    if (event.fork()) {
      // A pull request from a fork gets a read-only token, which code scanning refuses.
      assertEquals(List.of(), stepsUsing(event, "github/codeql-action/upload-sarif"), "uploads nothing from a fork");
      JsonNode kept = onlyStep(stepsUsing(event, "actions/upload-artifact"), "keeps the SARIF as an artifact on " + event);
      byte[] sarif = Files.readAllBytes(workspace.resolve(substitute(kept.get("with").get("path").asText(), github)));
      assertEquals(List.of(), SarifSchema.errors(sarif));
      return new ObjectMapper().readTree(sarif).get("runs").get(0);
    }
    assertEquals(List.of(), stepsUsing(event, "actions/upload-artifact"), "keeps no artifact on " + event);
    JsonNode upload = onlyStep(stepsUsing(event, "github/codeql-action/upload-sarif"), "uploads the SARIF on " + event);
    Path sarifFile = workspace.resolve(substitute(upload.get("with").get("sarif_file").asText(), github));
    assertTrue(Files.isRegularFile(sarifFile), "the upload step's sarif_file is what the run step wrote: " + line);
    byte[] sarif = Files.readAllBytes(sarifFile);
    assertEquals(List.of(), SarifSchema.errors(sarif));

    Path checkoutPath = Path.of(substitute(upload.get("with").get("checkout_path").asText(), github));
    assertEquals(linux, checkoutPath, "code scanning reads the files under checkout_path");
    JsonNode run = new ObjectMapper().readTree(sarif).get("runs").get(0);
    if (run.has("originalUriBaseIds")) // a scan of a directory says where it was; one of commits, which commits
      assertEquals(linux.toUri().toString(), run.get("originalUriBaseIds").get("%SRCROOT%").get("uri").asText());
    for (JsonNode result : run.get("results")) {
      JsonNode location = result.get("locations").get(0).get("physicalLocation").get("artifactLocation");
      assertEquals("%SRCROOT%", location.get("uriBaseId").asText());
      String uri = location.get("uri").asText();
      assertFalse(uri.startsWith("/") || uri.contains(":"), "relative to the checkout: " + uri);
      assertTrue(Files.isRegularFile(checkoutPath.resolve(uri)), uri + " is not under checkout_path");
    }
    return run;
  }

  @Test
  void onAPushTheStepScansTheKernelCheckout() throws Exception {
    JsonNode run = runOn(Event.PUSH);
    assertTrue(run.get("results").size() >= 5, "corpus/sample's findings: " + run.get("results"));
    assertTrue(StreamSupport.stream(run.get("results").spliterator(), false).noneMatch(r -> r.has("baselineState")));
  }

  @Test
  void onAPullRequestTheStepReportsOnlyWhatTheHeadCommitIntroduced() throws Exception {
    JsonNode results = runOn(Event.PULL_REQUEST).get("results");
    assertEquals(1, results.size(), results.toString());
    JsonNode result = results.get(0);
    assertEquals("dmabuf/mmap-missing", result.get("ruleId").asText());
    assertEquals("new", result.get("baselineState").asText());
    assertEquals(
        "drivers/misc/toy_new.c",
        result.get("locations").get(0).get("physicalLocation").get("artifactLocation").get("uri").asText());
  }

  /** A fork's pull request cannot upload to code scanning: its SARIF is kept as an artifact, with the same finding. */
  @Test
  void onAPullRequestFromAForkTheSarifIsKeptNotUploaded() throws Exception {
    JsonNode results = runOn(Event.FORK_PULL_REQUEST).get("results");
    assertEquals(1, results.size(), results.toString());
    assertEquals("dmabuf/mmap-missing", results.get(0).get("ruleId").asText());
  }

  @Test
  void theRunStepsSplitPushAndPullRequest() {
    List<JsonNode> runSteps = StreamSupport.stream(steps.spliterator(), false).filter(WorkflowTest::runsMmapcheck).toList();
    assertEquals(2, runSteps.size(), runSteps.toString());
    JsonNode push = onlyStep(stepsOn(Event.PUSH).stream().filter(WorkflowTest::runsMmapcheck).toList(), "on push");
    JsonNode pullRequest = onlyStep(stepsOn(Event.PULL_REQUEST).stream().filter(WorkflowTest::runsMmapcheck).toList(), "on pull_request");
    assertEquals("scan", words(substitute(push.get("run").asText(), github(dir))).get(1));
    assertEquals("diff", words(substitute(pullRequest.get("run").asText(), github(dir))).get(1));
  }

  @Test
  void wordsAreSplitAsTheShellSplitsThem() {
    assertEquals(List.of("a", "b c", "d\"e", "f g", "h$"), words(" a 'b c'  \"d\\\"e\" f\\ g 'h$' "));
  }
}
