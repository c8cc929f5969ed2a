#!/usr/bin/env bash
# Publisher benchmark (real Mosquitto + the packaged publisher): prints the table of
# docs/benchmarks.md ("Publisher").
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl publisher-service -am install -DskipTests
./mvnw -B -pl publisher-service verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=PublisherBenchmark "$@"
