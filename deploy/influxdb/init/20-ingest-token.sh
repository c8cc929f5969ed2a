#!/usr/bin/env bash
# The ingest-service's InfluxDB 2.7 token, least privilege: write vitals_raw (the
# readings) and ops (its own metrics, OPS_METRICS_ENABLED), read vitals_raw only (the
# ward station's audit trail reads back `activity` and `alarms` through /query,
# docs/ward-station.md), no other bucket.
# Written to /var/lib/influxdb2-tokens/ingest.token (volume influxdb-tokens, read by
# the ingest container through INFLUX_TOKEN_FILE).
#
# Runs once at first start (the image's entrypoint, after 10-vitals.sh). Run it again
# to replace the token, e.g. after an upgrade that changed its permissions
# (docs/operations.md, "Upgrades"):
#   docker compose exec influxdb /docker-entrypoint-initdb.d/20-ingest-token.sh
#   docker compose restart ingest      # reads the new token file
#   docker compose exec influxdb influx auth delete --id <id printed below>
# Older ingest tokens are listed, not deleted: the running ingest still uses one until
# it restarts.
set -euo pipefail

org=${DOCKER_INFLUXDB_INIT_ORG:?}
raw=${DOCKER_INFLUXDB_INIT_BUCKET:?}
token_dir=${VITALS_TOKEN_DIR:-/var/lib/influxdb2-tokens}
description="ingest-service: write vitals_raw and ops, read vitals_raw"

bucket_id() {
  influx bucket list --org "$org" --name "$1" --hide-headers | cut -f 1
}

raw_id=$(bucket_id "$raw")
ops_id=$(bucket_id ops)
[[ -n $raw_id && -n $ops_id ]] || { echo "20-ingest-token.sh: bucket $raw or ops missing" >&2; exit 1; }
older=$(influx auth list --org "$org" --hide-headers | awk -F '\t' '$2 ~ /^ingest-service: write/ { print $1 }')

mkdir -p "$token_dir"
influx auth create --org "$org" --description "$description" \
  --write-bucket "$raw_id" --write-bucket "$ops_id" --read-bucket "$raw_id" --json |
  sed -n 's/^[[:space:]]*"token":[[:space:]]*"\([^"]*\)".*/\1/p' >"$token_dir/ingest.token.tmp"
[[ -s $token_dir/ingest.token.tmp ]] || { echo "20-ingest-token.sh: no ingest token created" >&2; exit 1; }
# The volume is mounted only into influxdb (rw) and the ingest (ro, uid 10001).
chmod 444 "$token_dir/ingest.token.tmp"
mv -f "$token_dir/ingest.token.tmp" "$token_dir/ingest.token"
echo "20-ingest-token.sh: ingest token (write $raw and ops, read $raw) in $token_dir/ingest.token"
for id in $older; do
  echo "20-ingest-token.sh: older ingest token $id: restart the ingest, then: influx auth delete --id $id"
done
