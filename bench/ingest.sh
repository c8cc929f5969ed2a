#!/usr/bin/env bash
# End-to-end ingest benchmark (real Mosquitto + InfluxDB 1.x + the ingest jar).
# Writes its table to docs/benchmarks.md. Options as Java properties, e.g.
#   bench/ingest.sh -Dbench.seconds=60 -Dbench.outage=600
# One part alone: -Dbench.phases=drain | paced (20,000 msg/s from the pipelined
# publisher) | overload | outage | <rate>; -Dbench.baseline=<jar> drains another
# build in the same run, the two alternating ABBA (-Dbench.rounds=<n> pairs, default 2;
# one jar's drains spread +-18 % here, so one pair tells nothing), with its own JVM flags
# (-Dbench.baseline.jvm.options="...") or environment (-Dbench.baseline.env=NAME=value,...;
# the same jar twice compares settings); -Dingest.jvm.options="..." replaces the flags of
# deploy/ingest-jvm.options for this build, -Dbench.env=NAME=value,... adds to its
# environment (both arms); -Dbench.pacedRuns=<n> repeats the paced phase;
# -Dbench.warmBursts=<n> unrecorded drains before the measured one (default 2: the JIT
# still compiles through the first);
# -Dbench.pipelined.connections=<n> (default 4).
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl ingest-service -am install -DskipTests
./mvnw -B -q -pl ingest-service test-compile exec:java \
  -Dexec.mainClass=care.vitals.ingest.bench.IngestBenchmark \
  -Dexec.classpathScope=test "$@"
