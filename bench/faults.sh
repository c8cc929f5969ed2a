#!/usr/bin/env bash
# Soak run of the shared-subscription kill scenario (real Mosquitto + InfluxDB 1.x +
# two ingest processes), for hunting rare losses. Not part of mvnw verify.
#   bench/faults.sh -Dsoak.runs=30 -Dsoak.wait=60
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl ingest-service -am install -DskipTests
./mvnw -B -q -pl ingest-service test-compile exec:java \
  -Dexec.mainClass=care.vitals.ingest.it.SharedKillSoak \
  -Dexec.classpathScope=test "$@"
