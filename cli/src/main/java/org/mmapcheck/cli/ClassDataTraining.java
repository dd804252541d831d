package org.mmapcheck.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.util.FileUtils;
import org.mmapcheck.rules.BuiltinRules;

/**
 * The run `mvn package` makes the class-data archive of cli/bin/mmapcheck from (see cli/pom.xml):
 * in one JVM, the commands users run most, so the archive holds the classes each of them loads
 * (git's among them: a command that reads a repository loaded some 300 classes from the jar
 * without). It makes a git repository of the sample tree under the directory given, with one
 * change, and a patch of that change, and keeps its cache there too. Not a command of the tool.
 */
final class ClassDataTraining {

  private ClassDataTraining() {}

  /** @param args the sample tree, and a directory to work in (made anew) */
  public static void main(String[] args) throws Exception {
    Path sample = Path.of(args[0]);
    Path work = Path.of(args[1]);
    Path repo = work.resolve("repo");
    Path cache = work.resolve("cache");
    Path patch = work.resolve("one.patch");
    FileUtils.delete(work.toFile(), FileUtils.RECURSIVE | FileUtils.SKIP_MISSING);
    Files.createDirectories(repo);
    try (Stream<Path> files = Files.walk(sample)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Path to = repo.resolve(sample.relativize(f).toString());
        Files.createDirectories(to.getParent());
        Files.copy(f, to);
      }
    }
    try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
      RevCommit base = commit(git, "sample");
      Path changed;
      try (Stream<Path> files = Files.walk(repo.resolve("drivers"))) {
        changed = files.filter(f -> f.toString().endsWith(".c")).sorted().findFirst().orElseThrow();
      }
      Files.writeString(changed, "/* a change */\n" + Files.readString(changed));
      RevCommit next = commit(git, "a change");
      ByteArrayOutputStream diff = new ByteArrayOutputStream();
      try (DiffFormatter f = new DiffFormatter(diff)) {
        f.setRepository(git.getRepository());
        f.format(base.getTree(), next.getTree());
      }
      Files.writeString(patch, "Subject: [PATCH] a change\n\n---\n" + diff.toString(StandardCharsets.UTF_8));
    }
    String c = cache.toString();
    run("scan", "--quiet", "--fail-on", "never", "--cache", c, "-o", work.resolve("tree.sarif").toString(), sample.toString());
    run("scan", "--quiet", "--fail-on", "never", "--cache", c, "--repo", repo.toString(), "--rev", "HEAD", "-o", work.resolve("rev.sarif").toString());
    run("diff", "--quiet", "--fail-on", "never", "--cache", c, "--repo", repo.toString(), "--base", "HEAD~1", "--head", "HEAD", "--format", "sarif", "-o", work.resolve("diff.sarif").toString());
    run("check-patch", "--fail-on", "never", "--cache", c, "--repo", repo.toString(), "--base", "HEAD~1", patch.toString());
  }

  private static RevCommit commit(Git git, String message) throws Exception {
    git.add().addFilepattern(".").call();
    return git.commit().setMessage(message).setAuthor("mmapcheck", "mmapcheck@example.org").setSign(false).call();
  }

  /** Runs one command line; one that fails fails the build, which would otherwise ship a partial archive. */
  private static void run(String... args) throws IOException {
    PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
    int code = MmapCheck.run(BuiltinRules.all(), InputStream.nullInputStream(), nowhere, System.err, args);
    if (code > MmapCheck.FINDINGS) throw new IOException("class-data training: exit " + code + " from " + List.of(args));
  }
}
