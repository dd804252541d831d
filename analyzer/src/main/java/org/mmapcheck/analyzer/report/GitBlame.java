package org.mmapcheck.analyzer.report;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.blame.BlameGenerator;
import org.eclipse.jgit.blame.BlameResult;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * Blame read with JGit from the object database (a bare repository works): the commit that last
 * touched a line of a file at a revision, following renames. Each file is blamed once per
 * revision, and only as far back as the lines asked for need, within a time budget for all the
 * lines: in a kernel's history one old line can take JGit minutes, and a report waits for it.
 */
public final class GitBlame implements Timeline.Blamer, AutoCloseable {

  /** The default budget of a run's blame: a minute. */
  public static final Duration BUDGET = Duration.ofMinutes(1);

  private final Repository repository;
  private final Duration budget;
  private final long deadline;
  /** Where a shallow clone's history stops: a line blamed on one of these may be older. */
  private final Set<ObjectId> shallow;
  private final Map<String, BlameResult> files = new HashMap<>();
  /** Open until closed here: a result computed only as far as needed keeps its generator. */
  private final List<BlameGenerator> generators = new ArrayList<>();

  public GitBlame(Repository repository) throws IOException {
    this(repository, BUDGET);
  }

  /** @param budget the time all the lines' blame may take; a line not found by then is unknown */
  public GitBlame(Repository repository, Duration budget) throws IOException {
    this.repository = repository;
    this.shallow = repository.getObjectDatabase().getShallowCommits();
    this.budget = budget;
    this.deadline = System.nanoTime() + budget.toNanos();
  }

  @Override
  public Blame of(Timeline.Commit revision, String path, int line) {
    try {
      BlameResult result = result(revision.id(), path);
      if (result == null) return Blame.unknown(path + " is not in " + revision.rev());
      if (line < 1 || line > result.getResultContents().size())
        return Blame.unknown("line " + line + " is not in " + path + " at " + revision.rev());
      // Step by step, as far as the line needs, until the budget is spent.
      while (result.getSourceCommit(line - 1) == null && System.nanoTime() < deadline)
        if (result.computeNext() < 0) break; // the whole history read
      RevCommit source = result.getSourceCommit(line - 1);
      if (source == null && System.nanoTime() >= deadline)
        return Blame.unknown("not looked up: blame had spent its time for this report (" + budget.toSeconds() + " s)");
      if (source == null) return Blame.unknown("the history does not hold line " + line + " of " + path);
      if (shallow.contains(source))
        return Blame.unknown("the history stops at " + source.abbreviate(12).name() + " (a shallow clone): the line is from it or older");
      PersonIdent author = source.getAuthorIdent();
      String date = author.getWhenAsInstant().atZone(author.getZoneId()).toLocalDate().toString();
      return new Blame(source.name(), date, source.getShortMessage(), null);
    } catch (MissingObjectException e) {
      return Blame.unknown("the history lacks object " + e.getObjectId().abbreviate(12).name() + " (a shallow or partial clone)");
    } catch (IOException e) {
      return Blame.unknown("cannot blame " + path + ": " + e.getMessage());
    }
  }

  /** The file's blame at the commit, not yet computed; null when the commit has no such file. */
  private BlameResult result(String commit, String path) throws IOException {
    String key = commit + ":" + path;
    if (files.containsKey(key)) return files.get(key);
    BlameGenerator generator = new BlameGenerator(repository, path);
    generators.add(generator);
    generator.setFollowFileRenames(true);
    generator.push(null, ObjectId.fromString(commit));
    BlameResult result = BlameResult.create(generator);
    files.put(key, result);
    return result;
  }

  @Override
  public void close() {
    generators.forEach(BlameGenerator::close);
  }
}
