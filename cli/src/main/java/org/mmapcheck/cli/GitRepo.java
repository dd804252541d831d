package org.mmapcheck.cli;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.eclipse.jgit.errors.AmbiguousObjectException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.storage.file.WindowCacheConfig;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.util.FS;
import org.mmapcheck.analyzer.engine.Finding;
import org.mmapcheck.analyzer.report.FindingKey;
import org.mmapcheck.analyzer.report.SarifContext;
import org.mmapcheck.analyzer.source.GitRenames;
import org.mmapcheck.analyzer.source.GitTree;

/**
 * A git repository opened for a command, read with JGit: revisions resolved to commits, paths
 * checked against their trees, provenance for SARIF. What the user can get wrong (not a
 * repository, an unknown revision, objects a shallow or partial clone lacks) is a one-line error.
 */
final class GitRepo implements AutoCloseable {

  final Repository repository;

  private GitRepo(Repository repository) {
    this.repository = repository;
  }

  /** The repository at {@code dir} (a work tree or a bare one), or the one holding the current directory. */
  static GitRepo open(Path dir) {
    tuneWindowCache();
    locateSystemConfig();
    try {
      if (dir != null) {
        File gitDir = RepositoryCache.FileKey.resolve(dir.toFile(), FS.DETECTED);
        if (gitDir == null) throw new MmapCheck.BadInputException("not a git repository: " + dir);
        return new GitRepo(new FileRepositoryBuilder().setGitDir(gitDir).setMustExist(true).build());
      }
      FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(Path.of("").toAbsolutePath().toFile());
      if (builder.getGitDir() == null)
        throw new MmapCheck.BadInputException("not a git repository (or any parent): " + Path.of("").toAbsolutePath());
      return new GitRepo(builder.setMustExist(true).build());
    } catch (IOException | IllegalArgumentException e) {
      throw new MmapCheck.BadInputException("cannot open git repository " + (dir == null ? "" : dir + ": ") + e.getMessage());
    }
  }

  /**
   * Sizes JGit's pack reading for whole kernel trees, read once from several threads: JGit's
   * defaults (10 MiB of 8 KiB windows, 10 MiB of delta bases) suit a server reading a
   * few objects, and made a cold scan --rev re-read and re-inflate the same pack regions; these
   * took about a quarter off its CPU time on the Debian 6.1 tree. Windows are heap arrays, not mmap: JGit
   * feeds a mapped window to the inflater 512 bytes at a time. A JVM-wide setting, as JGit has it.
   */
  static void tuneWindowCache() {
    WindowCacheConfig c = new WindowCacheConfig();
    c.setPackedGitMMAP(false);
    c.setPackedGitWindowSize(1 << 20);
    c.setPackedGitLimit(512L << 20);
    c.setDeltaBaseCacheLimit(64 << 20);
    c.install();
  }

  /**
   * Where git's system configuration is: {@code $GIT_CONFIG_SYSTEM}, else {@code /etc/gitconfig},
   * as git on Linux has it ({@code GIT_CONFIG_NOSYSTEM} still turns it off, in JGit). Left to
   * itself, JGit finds it by running {@code git --version} and {@code git config --system}, two
   * processes and some 0.15 s of every command that reads a repository.
   */
  static void locateSystemConfig() {
    String named = System.getenv("GIT_CONFIG_SYSTEM");
    FS.DETECTED.setGitSystemConfig(new File(named == null || named.isEmpty() ? "/etc/gitconfig" : named));
  }

  /** The commit a revision (a name, an id, {@code HEAD~2}, ...) names. */
  RevCommit commit(String rev) {
    return guard(
        () -> {
          ObjectId id;
          try {
            id = repository.resolve(rev + "^{commit}");
          } catch (AmbiguousObjectException e) {
            throw new MmapCheck.BadInputException("ambiguous revision: " + rev);
          } catch (RevisionSyntaxException | IncorrectObjectTypeException e) {
            throw new MmapCheck.BadInputException("unknown revision: " + rev);
          }
          if (id == null) {
            boolean shallow = !repository.getObjectDatabase().getShallowCommits().isEmpty();
            throw new MmapCheck.BadInputException(
                "unknown revision: " + rev + (shallow ? " (a shallow clone: it may lie beyond the clone's depth)" : ""));
          }
          return repository.parseCommit(id);
        });
  }

  /** The best common ancestor of two commits, as {@code git merge-base} picks it. */
  RevCommit mergeBase(RevCommit a, RevCommit b) {
    return guard(
        () -> {
          try (RevWalk walk = new RevWalk(repository)) {
            walk.setRevFilter(RevFilter.MERGE_BASE);
            walk.markStart(walk.parseCommit(a));
            walk.markStart(walk.parseCommit(b));
            RevCommit common = walk.next();
            if (common == null)
              throw new MmapCheck.BadInputException(
                  "no merge base: " + a.abbreviate(12).name() + " and " + b.abbreviate(12).name() + " share no history");
            return common;
          }
        });
  }

  GitTree tree(RevCommit commit) {
    return new GitTree(repository, commit.getTree(), name() + "@" + commit.name());
  }

  /**
   * The scan's prefixes in the commit's tree: paths from its top, each of which must be there; a
   * part of a kernel tree comes with the tree's headers, as in a directory scan.
   */
  List<String> prefixes(GitTree tree, RevCommit commit, List<String> paths) {
    return guard(
        () -> {
          List<String> prefixes = treePaths(paths);
          for (String path : prefixes)
            if (!path.isEmpty() && !tree.has(path))
              throw new MmapCheck.BadInputException("no such path in " + commit.abbreviate(12).name() + ": " + path);
          if (isKernelTop(tree)) TreeOptions.withKernelHeaders(prefixes);
          return prefixes;
        });
  }

  static boolean isKernelTop(GitTree tree) throws IOException {
    return tree.has("MAINTAINERS") && tree.has("Kbuild") && tree.has("drivers") && tree.has("include");
  }

  /** Paths in a tree, from its top, with '/'; the whole tree ("") when none is given. */
  static List<String> treePaths(List<String> paths) {
    List<String> prefixes = new ArrayList<>();
    for (String p : paths) {
      Path n = TreeOptions.path(p).normalize();
      if (n.isAbsolute() || n.startsWith(".."))
        throw new MmapCheck.BadInputException("a path in a revision goes from the top of its tree: " + p);
      prefixes.add(n.toString().replace(File.separatorChar, '/'));
    }
    if (prefixes.isEmpty()) prefixes.add("");
    return prefixes;
  }

  /**
   * SARIF's versionControlProvenance: the origin's URL (else the repository's own directory),
   * the commit, and the branch when the revision names one.
   */
  SarifContext.VersionControl provenance(String rev, RevCommit commit) {
    return guard(
        () -> {
          String branch = null;
          Ref ref = repository.exactRef(rev.equals(Constants.HEAD) ? Constants.HEAD : Constants.R_HEADS + rev);
          if (ref != null && ref.getTarget().getName().startsWith(Constants.R_HEADS))
            branch = Repository.shortenRefName(ref.getTarget().getName());
          return new SarifContext.VersionControl(repositoryUri(), commit.name(), branch);
        });
  }

  private URI repositoryUri() {
    String origin = repository.getConfig().getString("remote", "origin", "url");
    URI own = (repository.isBare() ? repository.getDirectory() : repository.getWorkTree()).toURI();
    if (origin == null) return own;
    try {
      URIish url = new URIish(origin);
      if (url.getScheme() != null) return new URI(url.toString());
      if (url.getHost() != null) // scp-like user@host:path
        return new URI("ssh", url.getUser(), url.getHost(), -1, "/" + url.getPath().replaceFirst("^/", ""), null, null);
      return new File(url.getPath()).toURI();
    } catch (URISyntaxException e) {
      return own;
    }
  }

  /**
   * Base's findings with their keys, the paths they name renamed as head's tree names them (git's
   * rename detection), for pairing with head's findings.
   */
  Map<Finding, FindingKey> keysInHead(GitTree base, ObjectId baseTree, ObjectId headTree, List<Finding> findings) throws IOException {
    Map<String, String> renames;
    try (ObjectReader reader = repository.newObjectReader()) {
      renames = GitRenames.of(repository, baseTree, new CanonicalTreeParser(null, reader, headTree), DiffCommand.paths(findings));
    }
    return FindingKey.of(findings, base, p -> renames.getOrDefault(p, p));
  }

  private String name() {
    File dir = repository.isBare() ? repository.getDirectory() : repository.getWorkTree();
    return dir.getName();
  }

  /**
   * Runs git work, turning objects the database lacks into the user's error they are, however
   * deep the worker threads wrapped it.
   */
  static <T> T guard(Callable<T> work) {
    try {
      return work.call();
    } catch (MmapCheck.BadInputException e) {
      throw e;
    } catch (Exception e) {
      for (Throwable t = e; t != null; t = t.getCause())
        if (t instanceof MissingObjectException m) throw missing(m);
      if (e instanceof RuntimeException r) throw r;
      if (e instanceof IOException) throw new MmapCheck.BadInputException("cannot read git repository: " + e.getMessage());
      throw new IllegalStateException(e);
    }
  }

  private static MmapCheck.BadInputException missing(MissingObjectException e) {
    return new MmapCheck.BadInputException(
        "object " + e.getObjectId().name() + " is missing from the repository (a shallow or partial clone?)");
  }

  @Override
  public void close() {
    repository.close();
  }
}
