package org.mmapcheck.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mmapcheck.analyzer.engine.KernelApi;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Which tree to read and how hard to work: shared by the commands that scan. */
final class TreeOptions {

  @Parameters(
      paramLabel = "PATH",
      arity = "0..*",
      description = "Kernel tree, or directories and files inside one (default: the current directory).")
  List<String> paths = new ArrayList<>();

  @Option(
      names = "--root",
      paramLabel = "DIR",
      description = "Tree root that report paths are relative to (default: the top of the kernel tree the paths are in, else the one directory given, else the paths' common parent).")
  String root;

  /** More threads than this only cost memory: reading and parsing are bound by cores and disk. */
  static final int MAX_JOBS = 256;

  @Option(
      names = {"-j", "--jobs"},
      paramLabel = "N",
      description = "Worker threads, 1 to " + MAX_JOBS + " (default: number of processors).")
  int jobs = Runtime.getRuntime().availableProcessors();

  @Option(names = {"-q", "--quiet"}, description = "No progress display on the terminal.")
  boolean quiet;

  @Option(
      names = "--api",
      paramLabel = "FILE",
      description = "More kernel functions the rules know by what they do, one 'category: name ...' a line (e.g. 'wait: my_drv_wait_idle').")
  Path api;

  /** The built-in kernel API data, with the user's file added. */
  KernelApi kernelApi() {
    if (api == null) return KernelApi.builtin();
    if (!Files.exists(api)) throw new MmapCheck.BadInputException("--api: no such file: " + api);
    if (!Files.isRegularFile(api)) throw new MmapCheck.BadInputException("--api: not a regular file: " + api);
    try {
      return KernelApi.builtin().with(api);
    } catch (IOException e) {
      throw new MmapCheck.BadInputException("--api: cannot read " + api + ": " + MmapCheck.reason(e));
    } catch (IllegalArgumentException e) {
      throw new MmapCheck.BadInputException("--api: " + e.getMessage());
    }
  }

  static boolean isKernelTop(Path dir) {
    return Files.isRegularFile(dir.resolve("MAINTAINERS"))
        && Files.isRegularFile(dir.resolve("Kbuild"))
        && Files.isDirectory(dir.resolve("drivers"));
  }

  /**
   * A path from the command line. Java decodes arguments and file names in the locale's
   * encoding, so under LC_ALL=C a name such as café cannot be spelled at all.
   */
  static Path path(String name) {
    try {
      return Path.of(name);
    } catch (InvalidPathException e) {
      throw new MmapCheck.BadInputException(
          "cannot spell " + name + " in this locale's file-name encoding ("
              + System.getProperty("sun.jnu.encoding") + "); run under a UTF-8 locale, e.g. LC_ALL=C.UTF-8");
    }
  }

  /**
   * The path with every symbolic link in it resolved: a tree given through a link (or with
   * "link/") is the tree it points to, and the walk, which follows no links, can enter it.
   */
  private static Path real(Path p) {
    try {
      return p.toRealPath();
    } catch (IOException e) {
      throw new MmapCheck.BadInputException("cannot resolve " + p + ": " + e.getMessage());
    }
  }

  void checkJobs() {
    if (jobs < 1 || jobs > MAX_JOBS)
      throw new MmapCheck.BadInputException("--jobs must be between 1 and " + MAX_JOBS + ", not " + jobs);
  }

  /** The tree root and the paths below it to scan, checked. */
  record Selection(Path root, List<String> prefixes) {}

  Selection select() {
    checkJobs();
    List<Path> given = new ArrayList<>();
    for (String name : paths.isEmpty() ? List.of(".") : paths) {
      Path p = path(name);
      if (!Files.exists(p)) throw new MmapCheck.BadInputException("no such file or directory: " + p);
      given.add(real(p));
    }
    Path top;
    if (root != null) {
      if (!Files.isDirectory(path(root))) throw new MmapCheck.BadInputException("--root is not a directory: " + root);
      top = real(path(root));
    } else {
      top = given.size() == 1 && Files.isDirectory(given.get(0)) ? given.get(0) : given.get(0).getParent();
      for (Path p : given) while (!p.startsWith(top)) top = top.getParent();
      // Inside a kernel tree, paths are reported from its top, as the kernel's own tools do.
      for (Path up = top; up != null; up = up.getParent()) {
        if (isKernelTop(up)) {
          top = up;
          break;
        }
      }
    }
    List<String> prefixes = new ArrayList<>();
    for (Path p : given) {
      if (!p.startsWith(top)) throw new MmapCheck.BadInputException(p + " is not inside --root " + top);
      prefixes.add(top.relativize(p).toString().replace(java.io.File.separatorChar, '/'));
    }
    if (hasKernelHeaders(top)) withKernelHeaders(prefixes);
    return new Selection(top, prefixes);
  }

  /** Whether the directory is the top of a kernel tree with its include/. */
  static boolean hasKernelHeaders(Path top) {
    return isKernelTop(top) && Files.isDirectory(top.resolve("include"));
  }

  /**
   * A part of a kernel tree is read with the tree's headers, as the compiler would: the types,
   * tables and inline helpers its mmap paths go through live there.
   */
  static void withKernelHeaders(List<String> prefixes) {
    if (prefixes.contains("")) return;
    prefixes.removeIf(p -> p.equals("include") || p.startsWith("include/"));
    prefixes.add("include");
  }
}
