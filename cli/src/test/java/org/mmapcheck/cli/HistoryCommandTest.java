package org.mmapcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mmapcheck.analyzer.report.DatedCommits.commit;
import static org.mmapcheck.cli.MmapCheckTest.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmapcheck.cli.MmapCheckTest.Run;

/** history over a repository of three commits: corpus/sample with an exporter that turns into a stub, then maps again. */
class HistoryCommandTest {

  private static final Path STUB = Path.of("../corpus/rules/dmabuf/mmap-stub");

  @TempDir Path dir;

  private Path work() {
    return dir.resolve("work");
  }

  /** The three commits, oldest first; the second's exporter is a stub (dmabuf/mmap-stub). */
  private List<RevCommit> threeCommits() throws Exception {
    GitCommandsTest.copySample(work());
    Path core = work().resolve("drivers/dma-buf/core.c");
    try (Git git = Git.init().setDirectory(work().toFile()).setInitialBranch("main").call()) {
      Files.copy(STUB.resolve("clean_core_checks_then_maps.c"), core);
      git.add().addFilepattern(".").call();
      RevCommit first = git.commit().setMessage("sample and a core exporter").setSign(false).call();
      Files.copy(STUB.resolve("flagged_core_einval.c"), core, StandardCopyOption.REPLACE_EXISTING);
      git.add().addFilepattern(".").call();
      RevCommit second = git.commit().setMessage("core: refuse <mmap> & stub it").setSign(false).call();
      Files.copy(STUB.resolve("clean_core_checks_then_maps.c"), core, StandardCopyOption.REPLACE_EXISTING);
      // A moved file's findings are the same findings (here the key tiers without the path pair them).
      Files.move(work().resolve("drivers/misc/toy_dsp.c"), work().resolve("drivers/misc/toy_dsp_renamed.c"));
      git.add().addFilepattern(".").call();
      git.rm().addFilepattern("drivers/misc/toy_dsp.c").call();
      RevCommit third = git.commit().setMessage("core: map again").setSign(false).call();
      return List.of(first, second, third);
    }
  }

  private static final String REVS = "HEAD~2,HEAD~1,main";

  @Test
  void timelineNamesTheCommitsWhereAFindingCameAndWent() throws Exception {
    List<RevCommit> commits = threeCommits();
    Path out = dir.resolve("history.html");
    Run r = run("history", "-q", "--repo", work().toString(), "--revs", REVS, "-o", out.toString());
    assertEquals(0, r.exit(), r.err());
    Document doc = Jsoup.parse(out.toFile(), "UTF-8");

    // The sample has a stub of its own; the core exporter's is the one that comes and goes.
    List<Element> coreRows = doc.select("#timeline-table tbody tr").stream().filter(tr -> tr.child(2).text().equals("core_ops")).toList();
    assertEquals(1, coreRows.size(), doc.select("#timeline-table").outerHtml());
    Element stub = coreRows.get(0);
    assertEquals("dmabuf/mmap-stub", stub.child(0).text());
    assertEquals("HEAD~1 " + commits.get(1).abbreviate(12).name() + " core: refuse <mmap> & stub it", stub.selectFirst("td.appeared").text());
    assertEquals("main " + commits.get(2).abbreviate(12).name() + " core: map again", stub.selectFirst("td.gone").text());

    // The sample's findings were there from the first revision and still are, one across a rename.
    List<Element> others = doc.select("#timeline-table tbody tr").stream().filter(tr -> tr != stub).toList();
    assertTrue(others.size() >= 3, doc.select("#timeline-table").outerHtml());
    for (Element tr : others) {
      assertEquals("before HEAD~2", tr.selectFirst("td.appeared").text());
      assertEquals("still present", tr.selectFirst("td.gone").text());
      assertEquals("-", tr.selectFirst("td.blame").text());
    }
    assertTrue(others.stream().anyMatch(tr -> tr.text().contains("toy_dsp_renamed.c")), doc.select("#timeline-table").outerHtml());
    assertEquals(3, doc.select("#revisions li").size());
    assertEquals("dmabuf/mmap-stub: 1, 2, 1", doc.selectFirst("#chart-history g.series[data-rule=dmabuf/mmap-stub] title").text());

    // The rest is the latest revision's report: the stub finding is gone from it.
    assertTrue(doc.select("#findings").text().contains("toy_vb_dmabuf_mmap"));
    assertFalse(doc.select("#findings").text().contains("core.c"));
    // With its source, read from the revision.
    assertEquals(doc.select("details.finding").size(), doc.select("details.finding pre.excerpt").size());
  }

  @Test
  void markdownHasTheTimeline() throws Exception {
    List<RevCommit> commits = threeCommits();
    Run r = run("history", "-q", "--format", "markdown", "--repo", work().toString(), "--revs", REVS);
    assertEquals(0, r.exit(), r.err());
    String row =
        r.out().lines().filter(l -> l.startsWith("| dmabuf/mmap-stub | note | core\\_ops | ")).findFirst().orElseThrow(() -> new AssertionError(r.out()));
    String second = commits.get(1).abbreviate(12).name();
    // Appeared in the second commit, which touched its line; went away in the third.
    assertTrue(
        row.endsWith(
            "| HEAD\\~1 " + second + " core: refuse \\<mmap\\> \\& stub it | " + second + " " + authorDate(commits.get(1))
                + " core: refuse \\<mmap\\> \\& stub it | main " + commits.get(2).abbreviate(12).name() + " core: map again |"),
        row);
    assertTrue(r.out().contains("| before HEAD\\~2 | - | still present |"), r.out());
  }

  private static String authorDate(RevCommit c) {
    PersonIdent a = c.getAuthorIdent();
    return a.getWhenAsInstant().atZone(a.getZoneId()).toLocalDate().toString();
  }

  /**
   * Three commits: the core exporter maps; the second makes it a stub (its line 9 changed); the
   * third touches another file. The work tree's core.c is then changed on disk and not committed.
   */
  private List<RevCommit> stubBeforeTheSecondRevision() throws Exception {
    GitCommandsTest.copySample(work());
    Path core = work().resolve("drivers/dma-buf/core.c");
    try (Git git = Git.init().setDirectory(work().toFile()).setInitialBranch("main").call()) {
      Files.copy(STUB.resolve("clean_core_checks_then_maps.c"), core);
      RevCommit first = commit(git, "sample and a core exporter", "2020-01-02T03:04:05Z");
      Files.copy(STUB.resolve("flagged_core_einval.c"), core, StandardCopyOption.REPLACE_EXISTING);
      RevCommit second = commit(git, "core: stub <mmap>", "2021-06-30T23:30:00Z");
      Files.writeString(work().resolve("drivers/misc/notes.h"), "/* notes */\n");
      RevCommit third = commit(git, "misc: notes", "2022-01-01T00:00:00Z");
      Files.writeString(core, "/* not what any revision holds */\n");
      return List.of(first, second, third);
    }
  }


  @Test
  void blameNamesTheCommitThatTouchedTheLineAndExcerptsComeFromTheRevision() throws Exception {
    List<RevCommit> commits = stubBeforeTheSecondRevision();
    String second = commits.get(1).abbreviate(12).name();
    Path bare = dir.resolve("bare.git");
    Git.cloneRepository().setURI(work().toUri().toString()).setDirectory(bare.toFile()).setBare(true).call().close();
    Path out = dir.resolve("history.html");
    // The second revision is skipped: the finding appears in the third, its line touched by the second.
    Run r = run("history", "-q", "--repo", bare.toString(), "--revs", "main~2,main", "-o", out.toString());
    assertEquals(0, r.exit(), r.err());
    Document doc = Jsoup.parse(out.toFile(), "UTF-8");
    Element stub = doc.select("#timeline-table tbody tr").stream().filter(tr -> tr.child(2).text().equals("core_ops")).findFirst().orElseThrow();
    assertEquals("main " + commits.get(2).abbreviate(12).name() + " misc: notes", stub.selectFirst("td.appeared").text());
    assertEquals(second + " 2021-07-01 core: stub <mmap>", stub.selectFirst("td.blame").text());
    assertEquals(commits.get(1).name(), stub.selectFirst("td.blame code").attr("title"));

    // The excerpt is the revision's blob, not the work tree's file.
    Element finding = doc.select("details.finding").stream().filter(d -> d.text().contains("core.c:9")).findFirst().orElseThrow();
    assertEquals("9static int core_mmap(struct dma_buf *buf, struct vm_area_struct *vma)", finding.selectFirst("pre.excerpt .line.hit").text().replaceAll(" /\\*.*", ""));
    assertTrue(doc.select(".no-excerpt").isEmpty(), doc.select(".no-excerpt").text());

    Run md = run("history", "-q", "--format", "markdown", "--repo", bare.toString(), "--revs", "main~2,main");
    assertEquals(0, md.exit(), md.err());
    assertTrue(md.out().contains(" | " + second + " 2021-07-01 core: stub \\<mmap\\> | still present |"), md.out());
    String row = md.out().lines().filter(l -> l.startsWith("| note | dmabuf/mmap-stub | drivers/dma-buf/core.c:9:")).findFirst().orElseThrow(() -> new AssertionError(md.out()));
    assertTrue(row.contains(" | core\\_ops | static int core\\_mmap(struct dma\\_buf \\*buf, struct vm\\_area\\_struct \\*vma) /\\* expect"), row);
    assertTrue(row.endsWith("\u2026 |"), row);

    // With no time for blame, the line is not looked up, and the page says so.
    Run none = run("history", "-q", "--format", "markdown", "--blame-time", "0", "--repo", bare.toString(), "--revs", "main~2,main");
    assertEquals(0, none.exit(), none.err());
    assertTrue(none.out().contains(" | unknown: not looked up: blame had spent its time for this report (0 s) | still present |"), none.out());
    Run negative = run("history", "-q", "--blame-time", "-1", "--repo", bare.toString(), "--revs", "main~2,main");
    assertEquals(2, negative.exit());
    assertEquals("mmapcheck: --blame-time must be 0 or more seconds, not -1", negative.err().strip());
  }

  /** The names the page gives the revisions it scanned, oldest first. */
  private static List<String> revisions(Path page) throws Exception {
    return Jsoup.parse(page.toFile(), "UTF-8").select("#revisions li > code:first-child").eachText();
  }

  @Test
  void aRangeIsReadEveryNthCommitWithBothEnds() throws Exception {
    threeCommits();
    Path out = dir.resolve("history.html");
    Run r = run("history", "-q", "--repo", work().toString(), "HEAD~2..main", "--every", "1", "-o", out.toString());
    assertEquals(0, r.exit(), r.err());
    assertEquals(List.of("HEAD~2", "main~1", "main"), revisions(out));
    for (int every : new int[] {2, 5}) {
      r = run("history", "-q", "--repo", work().toString(), "HEAD~2..main", "--every", "" + every, "drivers/dma-buf", "-o", out.toString());
      assertEquals(0, r.exit(), r.err());
      assertEquals(List.of("HEAD~2", "main"), revisions(out));
    }
    // The path given with the range is what each revision scans.
    Document doc = Jsoup.parse(out.toFile(), "UTF-8");
    assertFalse(doc.select("details.finding").isEmpty());
    for (Element f : doc.select("details.finding")) assertEquals("drivers/dma-buf", f.attr("data-subsystem"));
  }

  @Test
  void aRangeIsReadAtTheTagsMatchingTheGlob() throws Exception {
    List<RevCommit> commits = threeCommits();
    try (Git git = Git.open(work().toFile())) {
      git.tag().setName("v1").setObjectId(commits.get(0)).setAnnotated(true).setMessage("one").setSigned(false).call();
      git.tag().setName("v1.5-rc1").setObjectId(commits.get(1)).setAnnotated(false).call();
      git.tag().setName("v2").setObjectId(commits.get(2)).setAnnotated(false).call();
      git.tag().setName("w3").setObjectId(commits.get(2)).setAnnotated(false).call();
    }
    Path out = dir.resolve("history.html");
    Run r = run("history", "-q", "--repo", work().toString(), "v1..main", "--tags", "v*", "-o", out.toString());
    assertEquals(0, r.exit(), r.err());
    assertEquals(List.of("v1", "v1.5-rc1", "v2"), revisions(out));
    r = run("history", "-q", "--repo", work().toString(), "HEAD~2..main", "--tags", "[vw][0-9]", "-o", out.toString());
    assertEquals(0, r.exit(), r.err());
    assertEquals(List.of("v1", "v2"), revisions(out));
  }

  @Test
  void badInputIsOneLineAndNoPage() throws Exception {
    threeCommits();
    Path out = dir.resolve("history.html");
    Map<String, String> cases = new LinkedHashMap<>();
    cases.put("--revs HEAD~2,nosuchrev", "unknown revision: nosuchrev");
    cases.put("--revs main", "history needs at least two revisions: --revs names 1");
    cases.put("--revs " + REVS + " -o " + dir.resolve("missing/dir/history.html"), "cannot write --output");
    cases.put("nosuchrev..main --every 1", "unknown revision: nosuchrev");
    cases.put("HEAD~2..main --tags x*", "history needs at least two revisions: --tags x* names 0 commits in HEAD~2..main");
    cases.put("main..main --every 1", "selects 1");
    cases.put("main..HEAD~2 --every 1", "main is not an ancestor of HEAD~2");
    cases.put("--revs " + REVS + " HEAD~2..main", "give either --revs or a range HEAD~2..main, not both");
    cases.put("HEAD~2..main", "a range HEAD~2..main needs one of --every N or --tags GLOB");
    cases.put("HEAD~2..main --every 1 --tags v*", "a range HEAD~2..main needs one of --every N or --tags GLOB");
    cases.put("--revs " + REVS + " --every 2", "--every and --tags pick from a range A..B");
    cases.put("HEAD~2..main --every 0", "--every must be at least 1, not 0");
    cases.put("HEAD~2...main --every 1", "not a range history reads: HEAD~2...main");
    cases.put("..main --every 1", "a range needs both ends: ..main");
    cases.put("HEAD~2..main main~1..main --every 1", "one range A..B at most");
    cases.put("", "history needs --revs");
    for (Map.Entry<String, String> c : cases.entrySet()) {
      List<String> all = new ArrayList<>(List.of("history", "--repo", work().toString()));
      if (!c.getKey().contains("-o ")) all.addAll(List.of("-o", out.toString()));
      if (!c.getKey().isEmpty()) all.addAll(List.of(c.getKey().split(" ")));
      Run r = run(all.toArray(String[]::new));
      assertEquals(2, r.exit(), c.getKey() + ": " + r.err());
      assertEquals(1, r.err().lines().count(), r.err());
      assertTrue(r.err().contains(c.getValue()), c.getKey() + ": " + r.err());
      assertFalse(Files.exists(out));
    }
  }
}
