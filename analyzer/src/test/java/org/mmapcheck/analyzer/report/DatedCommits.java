package org.mmapcheck.analyzer.report;

import java.time.Instant;
import java.time.ZoneOffset;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/** Commits at a given time, for the tests of blame and history in every module. */
public final class DatedCommits {

  private DatedCommits() {}

  /** Commits the work tree's files as "A U Thor" at {@code when}, ten hours east of UTC. */
  public static RevCommit commit(Git git, String message, String when) throws Exception {
    // Ten hours east: dates shown must be the author's, not UTC's.
    PersonIdent author = new PersonIdent("A U Thor", "author@example.org", Instant.parse(when), ZoneOffset.ofHours(10));
    git.add().addFilepattern(".").call();
    return git.commit().setMessage(message).setAuthor(author).setCommitter(author).setSign(false).call();
  }
}
