package org.mmapcheck.cli;

import org.mmapcheck.analyzer.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(
    name = "mmapcheck",
    mixinStandardHelpOptions = true,
    versionProvider = MmapCheck.VersionProvider.class,
    description = "Checks dma-buf exporters' mmap in a Linux kernel tree against the dma-buf coherency contract.",
    subcommands = {
      ScanCommand.class,
      DiffCommand.class,
      CheckPatchCommand.class,
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

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String... args) {
    CommandLine cli = new CommandLine(new MmapCheck());
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
