package org.mmapcheck.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import org.mmapcheck.analyzer.Version;
import org.mmapcheck.analyzer.engine.RuleDescriptor;
import org.mmapcheck.rules.BuiltinRules;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(
    name = "mmapcheck",
    mixinStandardHelpOptions = true,
    versionProvider = MmapCheck.VersionProvider.class,
    description = "Checks dma-buf exporters' mmap in a Linux kernel tree against the dma-buf coherency contract.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:no findings at or above --fail-on",
      "1:findings at or above --fail-on",
      "2:usage error, bad input, or a report that cannot be written",
      "3:internal error, or a rule failed (the report is written and says so)"
    })
public final class MmapCheck {

  /**
   * The subcommands, in the order help lists them. A command line that starts with one gets only
   * that one: picocli reads every command's options by reflection as it builds its model, and
   * the other commands' cost a warm check-patch about 0.13 s (30 patches, alternating).
   */
  private static final List<Class<?>> COMMANDS =
      List.of(
          ScanCommand.class,
          DiffCommand.class,
          CheckPatchCommand.class,
          InventoryCommand.class,
          ReportCommand.class,
          HistoryCommand.class,
          RulesCommand.class,
          ExplainCommand.class,
          CommandLine.HelpCommand.class);

  static final int FINDINGS = 1;
  static final int USAGE = 2;
  static final int INTERNAL = 3;

  private static final String OUT_OF_MEMORY =
      "mmapcheck: out of memory; give the JVM more, e.g. MMAPCHECK_JAVA_OPTS=-Xmx4g";

  /** The rules scan and inventory run: the built-in ones, or a test's. */
  final List<RuleDescriptor> rules;

  /** What check-patch reads for '-': standard input, or what a test hands in. */
  final InputStream in;

  /** Where reports go, as bytes: standard output, or what a test hands in. */
  final PrintStream out;

  private MmapCheck(List<RuleDescriptor> rules, InputStream in, PrintStream out) {
    this.rules = rules;
    this.in = in;
    this.out = out;
  }

  public static void main(String[] args) {
    System.exit(run(BuiltinRules.all(), System.in, System.out, System.err, args));
  }

  /**
   * Runs one command line with these rules, patches from {@code in}, reports and messages on
   * {@code out}, diagnostics on {@code err}.
   */
  static int run(List<RuleDescriptor> rules, InputStream in, PrintStream out, PrintStream err, String... args) {
    CommandLine cli = new CommandLine(new MmapCheck(rules, in, out));
    List<Class<?>> named = COMMANDS.stream().filter(c -> args.length > 0 && name(c).equals(args[0])).toList();
    // help, an unknown name (picocli suggests the nearest) and the top's own options need them all.
    boolean all = named.isEmpty() || named.get(0) == CommandLine.HelpCommand.class;
    for (Class<?> c : all ? COMMANDS : named) cli.addSubcommand(c);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          if (e instanceof BadInputException) {
            commandLine.getErr().println("mmapcheck: " + e.getMessage());
            return USAGE;
          }
          // A worker thread's out-of-memory error reaches here wrapped by the pool that ran it.
          for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OutOfMemoryError) {
              commandLine.getErr().println(OUT_OF_MEMORY);
              return INTERNAL;
            }
          }
          commandLine.getErr().println("mmapcheck: internal error: " + e);
          return INTERNAL;
        });
    try {
      return cli.execute(args);
    } catch (OutOfMemoryError e) {
      cli.getErr().println(OUT_OF_MEMORY);
      return INTERNAL;
    } catch (Error e) {
      // picocli hands only exceptions to the handler above; a JVM error still gets one line.
      cli.getErr().println("mmapcheck: internal error: " + e);
      return INTERNAL;
    }
  }

  private static String name(Class<?> command) {
    return command.getAnnotation(Command.class).name();
  }

  /** Why an I/O operation failed, in words: some exceptions carry only the file's name. */
  static String reason(IOException e) {
    if (e instanceof AccessDeniedException) return "permission denied";
    if (e instanceof NoSuchFileException) return "no such file or directory";
    if (e instanceof FileSystemException f && f.getReason() != null) return f.getReason();
    return e.getMessage() != null ? e.getMessage() : e.toString();
  }

  /** Input the user can fix: a missing path, an unknown rule. Exit 2, one line, no trace. */
  static final class BadInputException extends RuntimeException {
    BadInputException(String message) {
      super(message);
    }
  }

  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {Version.NAME + " " + Version.get()};
    }
  }
}
