package org.mmapcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mmapcheck.cli.MmapCheckTest.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.eclipse.jgit.api.Git;
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
    assertTrue(
        row.endsWith(
            "| HEAD\\~1 " + commits.get(1).abbreviate(12).name() + " core: refuse \\<mmap\\> \\& stub it | main "
                + commits.get(2).abbreviate(12).name() + " core: map again |"),
        row);
    assertTrue(r.out().contains("| still present |"), r.out());
  }

  @Test
  void badInputIsOneLineAndNoPage() throws Exception {
    threeCommits();
    Path out = dir.resolve("history.html");
    for (String[] args :
        List.of(
            new String[] {"--revs", "HEAD~2,nosuchrev", "-o", out.toString()},
            new String[] {"--revs", "main", "-o", out.toString()},
            new String[] {"--revs", REVS, "-o", dir.resolve("missing/dir/history.html").toString()})) {
      String[] all = new String[args.length + 3];
      all[0] = "history";
      all[1] = "--repo";
      all[2] = work().toString();
      System.arraycopy(args, 0, all, 3, args.length);
      Run r = run(all);
      assertEquals(2, r.exit(), String.join(" ", args) + ": " + r.err());
      assertEquals(1, r.err().lines().count(), r.err());
      assertFalse(Files.exists(out));
    }
    assertTrue(run("history", "--repo", work().toString(), "--revs", "HEAD~2,nosuchrev").err().contains("unknown revision: nosuchrev"));
  }
}
