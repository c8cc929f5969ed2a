#!/usr/bin/env bash
# End-to-end ingest benchmark (real Mosquitto + InfluxDB 1.x + the ingest jar).
# Writes its table to docs/benchmarks.md. Options as Java properties, e.g.
#   bench/ingest.sh -Dbench.seconds=60 -Dbench.outage=600
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl ingest-service -am install -DskipTests
./mvnw -B -q -pl ingest-service test-compile exec:java \
  -Dexec.mainClass=care.vitals.ingest.bench.IngestBenchmark \
  -Dexec.classpathScope=test "$@"
