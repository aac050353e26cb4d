#!/usr/bin/env bash
# Runs the whole benchmark suite (about 25 minutes on 2 cores) and writes
# benchmarks/results/<date>.md. Builds the module first, as a reactor build (no install).
# `bash benchmarks/run.sh --only failover` runs only the node-failover benchmark (about 4 minutes)
# and puts its goal row and section into the existing benchmarks/results/<date>.md.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl benchmarks -am package -DskipTests
# 1 GiB for the harness's own heap: the heap antagonist retains 256 MiB.
java -Xms1g -Xmx1g -cp benchmarks/target/benchmarks.jar io.actorpool.benchmarks.report.Suite \
  --out benchmarks/results --tag "$(date +%F)" --command "bash benchmarks/run.sh${*:+ $*}" "$@"
