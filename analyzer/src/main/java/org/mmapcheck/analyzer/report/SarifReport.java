package org.mmapcheck.analyzer.report;

import com.contrastsecurity.sarif.ArtifactLocation;
import com.contrastsecurity.sarif.CodeFlow;
import com.contrastsecurity.sarif.Invocation;
import com.contrastsecurity.sarif.Message;
import com.contrastsecurity.sarif.MultiformatMessageString;
import com.contrastsecurity.sarif.Notification;
import com.contrastsecurity.sarif.OriginalUriBaseIds;
import com.contrastsecurity.sarif.PartialFingerprints;
import com.contrastsecurity.sarif.PhysicalLocation;
import com.contrastsecurity.sarif.PropertyBag;
import com.contrastsecurity.sarif.Region;
import com.contrastsecurity.sarif.ReportingConfiguration;
import com.contrastsecurity.sarif.ReportingDescriptor;
import com.contrastsecurity.sarif.ReportingDescriptorReference;
import com.contrastsecurity.sarif.Result;
import com.contrastsecurity.sarif.Run;
import com.contrastsecurity.sarif.RunAutomationDetails;
import com.contrastsecurity.sarif.SarifSchema210;
import com.contrastsecurity.sarif.Suppression;
import com.contrastsecurity.sarif.ThreadFlow;
import com.contrastsecurity.sarif.ThreadFlowLocation;
import com.contrastsecurity.sarif.Tool;
import com.contrastsecurity.sarif.ToolComponent;
import com.contrastsecurity.sarif.VersionControlDetails;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mmapcheck.analyzer.Version;
import org.mmapcheck.analyzer.engine.Finding;
import org.mmapcheck.analyzer.engine.Profile;
import org.mmapcheck.analyzer.engine.RuleDescriptor;
import org.mmapcheck.analyzer.engine.ScanOptions;
import org.mmapcheck.analyzer.engine.ScanResult;
import org.mmapcheck.analyzer.engine.ScanStats;
import org.mmapcheck.analyzer.engine.Severity;
import org.mmapcheck.analyzer.engine.SuppressedFinding;
import org.mmapcheck.analyzer.model.Location;
import org.mmapcheck.analyzer.model.ProgramModel;

/** Writes a scan as SARIF 2.1.0 with the SARIF Java SDK. Same input, same bytes. */
public final class SarifReport {

  static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
  static final String SRCROOT = "%SRCROOT%";

  /**
   * The finding's {@link FindingKey}, hashed: mmapcheck's own matching across runs. GitHub code
   * scanning ignores it and matches by the primaryLocationLineHash its upload action adds.
   */
  static final String FINGERPRINT = "mmapcheck/v1";

  /**
   * partialFingerprints names of the finding key's tiers ({@link FindingKey#tiers}), tightest
   * first: what {@code scan --baseline} pairs an earlier run's results by.
   */
  public static final List<String> TIER_FINGERPRINTS = List.of(FINGERPRINT, "mmapcheck/statement/v1", "mmapcheck/function/v1");

  private SarifReport() {}

  /**
   * @param root the tree's directory, for {@code originalUriBaseIds}; null for a tree that is not
   *     a directory
   */
  public static void write(ScanResult scan, Path root, SarifContext context, OutputStream out) throws IOException {
    Json.SARIF.writeValue(out, build(scan, root, context));
    out.write('\n');
  }

  /**
   * Writes, to nowhere, a made-up report with one of each part a report of these rules holds, as
   * {@link #write} would: Jackson builds its serializers of the SDK's types at their first use,
   * some 100 ms on a cold JVM, which a scan with a core to spare can spend meanwhile (see {@link
   * org.mmapcheck.analyzer.engine.Scanner#meanwhile}) instead of at its end.
   */
  public static void prepare(List<RuleDescriptor> rules) {
    if (rules.isEmpty()) return;
    Location at = new Location("prepare.c", 1, 1, 1, 2);
    Finding.Related step = new Finding.Related(at, "step");
    Finding finding = new Finding(rules.get(0).id(), Severity.WARNING, "finding", at, "f", List.of(step), List.of(List.of(step)));
    org.mmapcheck.analyzer.engine.Suppression silenced =
        new org.mmapcheck.analyzer.engine.Suppression(at, List.of(finding.ruleId()), List.of(), "reason", 1);
    ScanResult scan =
        new ScanResult(
            "prepare",
            ScanOptions.defaults(Profile.CURRENT),
            rules,
            new ProgramModel(List.of()),
            List.of(),
            List.of(finding),
            List.of(new org.mmapcheck.analyzer.engine.Notification(Severity.NOTE, at.file(), "note", finding.ruleId())),
            new ScanStats(0, 0, 0, 0, 0, 0, 0, 0, 0),
            List.of(new SuppressedFinding(finding, silenced)));
    SarifContext context =
        new SarifContext(
            Map.of(finding, new FindingKey(finding.ruleId(), "f", List.of("prepare.c: step"), "statement")),
            new SarifContext.VersionControl(URI.create("https://example.org/prepare.git"), "0", "main"),
            "prepare/run",
            Map.of(finding, SarifContext.BaselineState.NEW));
    try {
      write(scan, Path.of("/"), context, OutputStream.nullOutputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static SarifSchema210 build(ScanResult scan, Path root, SarifContext context) {
    Map<String, Integer> ruleIndex = new LinkedHashMap<>();
    Set<ReportingDescriptor> rules = new LinkedHashSet<>();
    for (RuleDescriptor r : scan.rules()) {
      ruleIndex.put(r.id(), ruleIndex.size());
      rules.add(rule(r, scan));
    }
    List<Result> results = new ArrayList<>();
    for (Finding f : scan.findings()) {
      Result r = result(f, ruleIndex.get(f.ruleId()), context.keys().get(f));
      SarifContext.BaselineState state = context.states().get(f);
      if (state != null) r.withBaselineState(Result.BaselineState.fromValue(state.sarif()));
      results.add(r);
    }
    for (SuppressedFinding s : scan.suppressed()) {
      Finding f = s.finding();
      results.add(result(f, ruleIndex.get(f.ruleId()), context.keys().get(f)).withSuppressions(suppression(s.suppression())));
    }

    List<Notification> notifications = new ArrayList<>();
    for (org.mmapcheck.analyzer.engine.Notification n : scan.notifications()) {
      Notification note =
          new Notification().withLevel(notificationLevel(n.level())).withMessage(text(n.message()));
      if (n.file() != null) {
        note.withLocations(
            new LinkedHashSet<>(
                List.of(
                    new com.contrastsecurity.sarif.Location()
                        .withPhysicalLocation(new PhysicalLocation().withArtifactLocation(artifact(n.file()))))));
      }
      if (n.ruleId() != null && ruleIndex.containsKey(n.ruleId())) {
        note.withAssociatedRule(
            new ReportingDescriptorReference().withId(n.ruleId()).withIndex(ruleIndex.get(n.ruleId())));
      }
      notifications.add(note);
    }

    ToolComponent driver =
        new ToolComponent()
            .withName(Version.NAME)
            .withVersion(Version.get())
            .withSemanticVersion(Version.get())
            .withInformationUri(URI.create(Version.INFORMATION_URI))
            .withRules(rules);
    Run run =
        new Run()
            .withTool(new Tool().withDriver(driver))
            .withResults(results)
            .withInvocations(
                List.of(
                    new Invocation()
                        .withExecutionSuccessful(scan.successful())
                        .withToolExecutionNotifications(notifications)))
            .withProperties(new PropertyBag().withAdditionalProperty("profile", scan.profile().label()));
    if (root != null) {
      run.withOriginalUriBaseIds(
          new OriginalUriBaseIds()
              .withAdditionalProperty(SRCROOT, new ArtifactLocation().withUri(directoryUri(root))));
    }
    SarifContext.VersionControl vc = context.versionControl();
    if (vc != null) {
      run.withVersionControlProvenance(
          Set.of(
              new VersionControlDetails()
                  .withRepositoryUri(vc.repositoryUri())
                  .withRevisionId(vc.revisionId())
                  .withBranch(vc.branch())
                  .withMappedTo(new ArtifactLocation().withUriBaseId(SRCROOT))));
    }
    if (context.automationId() != null)
      run.withAutomationDetails(new RunAutomationDetails().withId(context.automationId()));
    return new SarifSchema210()
        .with$schema(URI.create(SCHEMA))
        .withVersion(SarifSchema210.Version._2_1_0)
        .withRuns(List.of(run));
  }

  /** SARIF wants a base URI that ends in '/', which Path.toUri() adds only for a directory it sees. */
  static String directoryUri(Path root) {
    String uri = root.toAbsolutePath().toUri().toString();
    return uri.endsWith("/") ? uri : uri + "/";
  }

  private static ReportingDescriptor rule(RuleDescriptor r, ScanResult scan) {
    Set<String> tags = new LinkedHashSet<>(List.of(r.info().tags()));
    PropertyBag properties =
        new PropertyBag()
            .withTags(tags)
            .withAdditionalProperty("precision", r.info().precision().label())
            .withAdditionalProperty("kind", r.info().kind().label())
            .withAdditionalProperty("problem.severity", r.severity(scan.profile()).sarifLevel())
            .withAdditionalProperty("clause", r.info().clause());
    ReportingDescriptor d =
        new ReportingDescriptor()
            .withId(r.id())
            .withName(ruleName(r.id()))
            .withShortDescription(new MultiformatMessageString().withText(r.info().summary()))
            .withFullDescription(new MultiformatMessageString().withText(r.info().summary() + ". Contract clause: " + r.info().clause() + "."))
            .withHelp(new MultiformatMessageString().withText(r.body()).withMarkdown(r.documentation()))
            .withDefaultConfiguration(
                new ReportingConfiguration().withLevel(configurationLevel(r.severity(scan.profile()))))
            .withProperties(properties);
    if (r.info().aliases().length > 0)
      d.withDeprecatedIds(new LinkedHashSet<>(List.of(r.info().aliases())));
    return d;
  }

  /** {@code dmabuf/fault-interception} becomes {@code FaultInterception}, SARIF's name form. */
  static String ruleName(String id) {
    StringBuilder out = new StringBuilder();
    boolean upper = true;
    for (char c : id.substring(id.indexOf('/') + 1).toCharArray()) {
      if (c == '-') {
        upper = true;
      } else {
        out.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return out.toString();
  }

  private static Result result(Finding f, int index, FindingKey key) {
    Result r =
        new Result()
            .withRuleId(f.ruleId())
            .withRuleIndex(index)
            .withLevel(resultLevel(f.severity()))
            .withMessage(text(f.message()))
            .withLocations(List.of(location(f.location(), null)))
            .withPartialFingerprints(fingerprints(key));
    if (!f.related().isEmpty()) {
      Set<com.contrastsecurity.sarif.Location> related = new LinkedHashSet<>();
      int id = 1;
      for (Finding.Related rel : f.related()) related.add(location(rel.location(), rel.message()).withId(id++));
      r.withRelatedLocations(related);
    }
    if (!f.flows().isEmpty()) {
      List<CodeFlow> flows = new ArrayList<>();
      for (List<Finding.Related> flow : f.flows()) {
        List<ThreadFlowLocation> steps = new ArrayList<>();
        for (Finding.Related step : flow)
          steps.add(new ThreadFlowLocation().withLocation(location(step.location(), step.message())));
        flows.add(new CodeFlow().withThreadFlows(List.of(new ThreadFlow().withLocations(steps))));
      }
      r.withCodeFlows(flows);
    }
    return r;
  }

  private static PartialFingerprints fingerprints(FindingKey key) {
    PartialFingerprints out = new PartialFingerprints();
    List<String> tiers = key.tierFingerprints();
    for (int i = 0; i < tiers.size(); i++) out.withAdditionalProperty(TIER_FINGERPRINTS.get(i), tiers.get(i));
    return out;
  }

  /** An in-source suppression: the comment's place and its reason. */
  private static Set<Suppression> suppression(org.mmapcheck.analyzer.engine.Suppression s) {
    return Set.of(
        new Suppression()
            .withKind(Suppression.Kind.IN_SOURCE)
            .withJustification(s.reason())
            .withLocation(location(s.at(), null)));
  }

  private static com.contrastsecurity.sarif.Location location(Location at, String message) {
    Region region =
        new Region()
            .withStartLine(at.line())
            .withStartColumn(at.column())
            .withEndLine(at.endLine())
            .withEndColumn(Math.max(at.endColumn(), at.endLine() == at.line() ? at.column() + 1 : 1));
    com.contrastsecurity.sarif.Location l =
        new com.contrastsecurity.sarif.Location()
            .withPhysicalLocation(new PhysicalLocation().withArtifactLocation(artifact(at.file())).withRegion(region));
    return message == null ? l : l.withMessage(text(message));
  }

  private static ArtifactLocation artifact(String path) {
    try {
      return new ArtifactLocation().withUri(new URI(null, null, path, null).toASCIIString()).withUriBaseId(SRCROOT);
    } catch (java.net.URISyntaxException e) {
      throw new IllegalArgumentException("not a relative path: " + path, e);
    }
  }

  private static Message text(String s) {
    return new Message().withText(s);
  }

  private static Result.Level resultLevel(Severity s) {
    return Result.Level.fromValue(s.sarifLevel());
  }

  private static ReportingConfiguration.Level configurationLevel(Severity s) {
    return ReportingConfiguration.Level.fromValue(s.sarifLevel());
  }

  private static Notification.Level notificationLevel(Severity s) {
    return Notification.Level.fromValue(s.sarifLevel());
  }
}
