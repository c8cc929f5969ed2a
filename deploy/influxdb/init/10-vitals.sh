#!/usr/bin/env bash
# InfluxDB 2.7 first-start initialisation (run once by the image's entrypoint from
# /docker-entrypoint-initdb.d, after `influx setup` created the org, the operator
# user and the bucket vitals_raw; the influx CLI is already configured with the
# operator token). Creates:
#   buckets   vitals_downsampled, ops (vitals_raw: DOCKER_INFLUXDB_INIT_BUCKET)
#   DBRP      vitals/raw -> vitals_raw (default), vitals/downsampled ->
#             vitals_downsampled, ops/autogen -> ops (default): InfluxQL names
#             identical to the InfluxDB 1.x install (deploy/systemd/influxdb-v1-setup.sh)
#   task      downsample-vitals: 1-minute means of `vitals` into vitals_downsampled
#   v1 users  grafana (read the three buckets), telegraf (write ops), ingest (write
#             vitals_raw and ops), passwords from .env
# The ingest's v2 token follows in 20-ingest-token.sh.
set -euo pipefail

org=${DOCKER_INFLUXDB_INIT_ORG:?}
raw=${DOCKER_INFLUXDB_INIT_BUCKET:?}

bucket_id() {
  influx bucket list --org "$org" --name "$1" --hide-headers | cut -f 1
}

influx bucket create --org "$org" --name vitals_downsampled \
  --retention "${INFLUX_DOWNSAMPLED_RETENTION:-730d}" --description "1-minute means of vitals"
influx bucket create --org "$org" --name ops \
  --retention "${INFLUX_OPS_RETENTION:-30d}" --description "NUC host and broker metrics (Telegraf), ingest metrics"
raw_id=$(bucket_id "$raw")
down_id=$(bucket_id vitals_downsampled)
ops_id=$(bucket_id ops)

influx v1 dbrp create --org "$org" --db vitals --rp raw --bucket-id "$raw_id" --default
influx v1 dbrp create --org "$org" --db vitals --rp downsampled --bucket-id "$down_id"
influx v1 dbrp create --org "$org" --db ops --rp autogen --bucket-id "$ops_id" --default

influx task create --org "$org" --file /docker-entrypoint-initdb.d/downsample-vitals.flux

influx v1 auth create --org "$org" --username grafana --password "${INFLUX_GRAFANA_PASSWORD:?}" \
  --read-bucket "$raw_id" --read-bucket "$down_id" --read-bucket "$ops_id" \
  --description "Grafana: InfluxQL read-only"
influx v1 auth create --org "$org" --username telegraf --password "${INFLUX_TELEGRAF_PASSWORD:?}" \
  --write-bucket "$ops_id" --description "Telegraf: write ops"
influx v1 auth create --org "$org" --username ingest --password "${INFLUX_INGEST_PASSWORD:?}" \
  --write-bucket "$raw_id" --write-bucket "$ops_id" --read-bucket "$raw_id" \
  --description "ingest-service (INFLUX_API=v1): write vitals_raw and ops (its metrics), read vitals_raw (audit trail)"

echo "10-vitals.sh: buckets, DBRP mappings, task and least-privilege v1 accounts created"
