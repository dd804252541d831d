package org.mmapcheck.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import org.mmapcheck.analyzer.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

@Command(
    name = "mmapcheck",
    mixinStandardHelpOptions = true,
    versionProvider = MmapCheck.VersionProvider.class,
    description = "Checks dma-buf exporters' mmap in a Linux kernel tree against the dma-buf coherency contract.",
    subcommands = {
      ScanCommand.class,
      InventoryCommand.class,
      RulesCommand.class,
      ExplainCommand.class,
      CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:no findings at or above --fail-on",
      "1:findings at or above --fail-on",
      "2:usage error or bad input",
      "3:internal error"
    })
public final class MmapCheck {

  static final int FINDINGS = 1;
  static final int USAGE = 2;
  static final int INTERNAL = 3;

  /** Where reports go, as bytes: standard output, or what a test hands in. */
  private final PrintStream out;

  private MmapCheck(PrintStream out) {
    this.out = out;
  }

  public static void main(String[] args) {
    System.exit(run(System.out, System.err, args));
  }

  /** Runs one command line with reports and messages on {@code out}, diagnostics on {@code err}. */
  static int run(PrintStream out, PrintStream err, String... args) {
    CommandLine cli = new CommandLine(new MmapCheck(out));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          if (e instanceof BadInputException) {
            commandLine.getErr().println("mmapcheck: " + e.getMessage());
            return USAGE;
          }
          commandLine.getErr().println("mmapcheck: internal error: " + e);
          return INTERNAL;
        });
    try {
      return cli.execute(args);
    } catch (OutOfMemoryError e) {
      cli.getErr().println("mmapcheck: out of memory; give the JVM more, e.g. MMAPCHECK_JAVA_OPTS=-Xmx4g");
      return INTERNAL;
    } catch (Error e) {
      // picocli hands only exceptions to the handler above; a JVM error still gets one line.
      cli.getErr().println("mmapcheck: internal error: " + e);
      return INTERNAL;
    }
  }

  /** The stream a subcommand writes its report to. */
  static PrintStream stdout(CommandSpec spec) {
    return ((MmapCheck) spec.root().userObject()).out;
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
