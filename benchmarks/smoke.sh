#!/usr/bin/env bash
# Smoke run of every benchmark: one short measured iteration each, no warm-up, so that the module cannot rot.
# The figures it prints mean nothing. It fails when a benchmark fails, including its parity check (every contender
# must reach the expected decisions before anything is measured). Needs PostgreSQL on 127.0.0.1:5432 (user
# postgres, trust), as .ci/run provides. Builds benchmarks/target/benchmarks.jar when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

jar=benchmarks/target/benchmarks.jar
if [[ ! -f "$jar" ]]; then
  ./mvnw -B -q -pl benchmarks -am package -DskipTests
fi

# JMH takes a machine-wide lock file in the temporary directory; a directory of this checkout's own lets two
# checkouts (two CI runs on one machine) smoke-test at the same time. These figures are not measurements anyway.
tmp=benchmarks/target/tmp
mkdir -p "$tmp"
java=(java "-Djava.io.tmpdir=$tmp")
short=(-wi 0 -i 1 -r 200ms -f 1 -foe true)
# Timed scenarios in average-time mode only (sample time runs the same code); retained memory in its own
# single-shot mode. -foe makes JMH exit non-zero on the first benchmark error.
"${java[@]}" -jar "$jar" "${short[@]}" -bm avgt -e 'RetainedMemoryBenchmark' 'ai\.codemie\.auth\.bench\.'
"${java[@]}" -jar "$jar" "${short[@]}" 'RetainedMemoryBenchmark'
# The paired ratios of scenario 1, a few rounds only: the same contenders and parity check in one JVM.
"${java[@]}" -cp "$jar" ai.codemie.auth.bench.PairedRatios 3 2
