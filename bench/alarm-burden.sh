#!/usr/bin/env bash
# Alarm burden benchmark: a simulated 30-bed ward, 24 simulated hours, through the
# ingest's clinical engine on a simulated clock (no broker, no database, minutes of wall
# time). Prints its tables and writes them to the "Alarm burden" section of
# docs/benchmarks.md. Options as Java properties, e.g.
#   bash bench/alarm-burden.sh -Dburden.seed=7 -Dburden.beds=30 -Dburden.hours=24 -Dburden.write=false
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl alarm-burden -am install -DskipTests
./mvnw -B -q -pl alarm-burden exec:java \
  -Dexec.mainClass=care.vitals.burden.AlarmBurdenBenchmark "$@"
