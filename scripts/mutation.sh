#!/usr/bin/env bash
# Mutation testing with PIT over the rules (org.mmapcheck.rules) and the program model
# (org.mmapcheck.analyzer.model), with the corpus module's tests as the test suite: the rules are
# exercised by the fixtures, not by tests of their own. Prints the share of mutants killed per
# package and in all; the HTML report is in corpus/target/pit-reports/index.html and the
# survivors are listed in corpus/target/pit-reports/survivors.txt.
#
#   scripts/mutation.sh                                     # the full run (about an hour on 2 cores)
#   scripts/mutation.sh -DtargetClasses='org.mmapcheck.rules.MmapStubRule*'   # one class, while iterating
#
# Extra arguments go to Maven. PIT runs one thread unless -Dthreads=N says otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."

# The ruling test over whole kernels is excluded in corpus/pom.xml; unset the variable all the same.
unset MMAPCHECK_KERNELS
mvn -B -q -pl corpus -am test-compile org.pitest:pitest-maven:mutationCoverage -Dthreads=1 "$@"

report=corpus/target/pit-reports/mutations.xml
: > corpus/target/pit-reports/survivors.txt
# One <mutation> element per line: detected='true|false', then its class, line and mutator.
awk '
  /<mutation / {
    detected = ($0 ~ /detected=.true./)
    match($0, /<mutatedClass>[^<]*<\/mutatedClass>/)
    cls = substr($0, RSTART + 14, RLENGTH - 29)
    pkg = cls; sub(/\.[^.]*$/, "", pkg)
    total[pkg]++; all++
    if (detected) { killed[pkg]++; allKilled++; if ($0 ~ /status=.TIMED_OUT./) { timedOut[pkg]++; allTimedOut++ } }
    else {
      match($0, /<lineNumber>[0-9]*<\/lineNumber>/); line = substr($0, RSTART + 12, RLENGTH - 25)
      match($0, /<description>[^<]*<\/description>/); what = substr($0, RSTART + 13, RLENGTH - 27)
      match($0, /status=.[A-Z_]*./); status = substr($0, RSTART + 8, RLENGTH - 9)
      print cls ":" line ": " status ": " what > "corpus/target/pit-reports/survivors.txt"
    }
  }
  END {
    if (all == 0) { print "mutation: no mutants"; exit 1 }
    # PIT counts a mutant whose tests ran out of time as killed; on a loaded machine some only ran
    # slow, so each line says how many of its kills were timeouts.
    for (p in total)
      printf "mutation: %-40s %5d of %5d killed (%.1f%%), %d by a timeout\n", p, killed[p], total[p], 100 * killed[p] / total[p], timedOut[p]
    printf "mutation: %-40s %5d of %5d killed (%.1f%%), %d by a timeout\n", "all", allKilled, all, 100 * allKilled / all, allTimedOut
  }
' "$report"
