#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Creates the InfluxDB 1.x schema of the install without Docker (Debian `influxdb`),
# with the same InfluxQL names as the InfluxDB 2.7 DBRP mappings of the Docker
# install, so dashboards and alert rules run unchanged on both:
#   vitals.raw          default RP, INFLUX_RAW_RETENTION (30d)
#   vitals.downsampled  INFLUX_DOWNSAMPLED_RETENTION (730d), filled by the continuous
#                       query cq_vitals_1m (1-minute means, same field names)
#   ops.autogen         INFLUX_OPS_RETENTION (30d), Telegraf
#   users  admin (all privileges), ingest (WRITE vitals; WRITE ops for its own
#          metrics, OPS_METRICS_ENABLED), grafana (READ vitals, ops), telegraf (WRITE ops)
# Idempotent. Passwords from the environment (INFLUX_ADMIN_PASSWORD,
# INFLUX_INGEST_PASSWORD, INFLUX_GRAFANA_PASSWORD, INFLUX_TELEGRAF_PASSWORD), e.g.
#   set -a; . ./.env; set +a; deploy/systemd/influxdb-v1-setup.sh
# Then set `auth-enabled = true` in /etc/influxdb/influxdb.conf and restart influxdb.
set -euo pipefail

# shellcheck source=../lib/placeholders.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/placeholders.sh"
for name in INFLUX_ADMIN_PASSWORD INFLUX_INGEST_PASSWORD INFLUX_GRAFANA_PASSWORD INFLUX_TELEGRAF_PASSWORD; do
  [[ -n ${!name:-} ]] || { echo "influxdb-v1-setup.sh: $name is not set: run deploy/init.sh, then set -a; . ./.env; set +a" >&2; exit 2; }
  refuse_placeholders "$name=${!name}" || exit 2
done

url=${INFLUX_URL:-http://127.0.0.1:8086}
admin=${INFLUX_ADMIN_USERNAME:-admin}
raw=${INFLUX_RAW_RETENTION:-30d}
down=${INFLUX_DOWNSAMPLED_RETENTION:-730d}
ops=${INFLUX_OPS_RETENTION:-30d}
# Every field of the parameter catalogue (CONTRACTS.md) that a 1-minute mean makes
# sense for.
fields=${VITALS_FIELDS:-heart_rate resp_rate spo2 temperature systolic_bp diastolic_bp mean_bp glucose battery}

# q STATEMENT [TOLERATED_ERROR]: runs a statement; an error containing
# TOLERATED_ERROR (e.g. "conflicts with an existing policy" on a rerun) is fine.
q() {
  local response tolerated=${2:-already exists}
  response=$(curl -sS -u "$admin:${INFLUX_ADMIN_PASSWORD:?}" -XPOST "$url/query" --data-urlencode "q=$1")
  if [[ $response == *'"error"'* && $response != *"$tolerated"* ]]; then
    echo "influxdb-v1-setup.sh: '$1' failed: $response" >&2
    return 1
  fi
}

# The first admin may be created without credentials while no user exists.
curl -sS -XPOST "$url/query" --data-urlencode \
  "q=CREATE USER \"$admin\" WITH PASSWORD '${INFLUX_ADMIN_PASSWORD:?}' WITH ALL PRIVILEGES" >/dev/null || true

# CREATE ... on a rerun may conflict with the existing policy; ALTER then sets it.
q "CREATE DATABASE vitals WITH DURATION $raw REPLICATION 1 NAME raw" "conflicts with an existing policy"
q "CREATE RETENTION POLICY raw ON vitals DURATION $raw REPLICATION 1 DEFAULT" "conflicts with an existing policy"
q "ALTER RETENTION POLICY raw ON vitals DURATION $raw DEFAULT"
q "CREATE RETENTION POLICY downsampled ON vitals DURATION $down REPLICATION 1" "conflicts with an existing policy"
q "ALTER RETENTION POLICY downsampled ON vitals DURATION $down"
q "CREATE DATABASE ops WITH DURATION $ops REPLICATION 1 NAME autogen" "conflicts with an existing policy"
q "ALTER RETENTION POLICY autogen ON ops DURATION $ops DEFAULT"

select=""
for field in $fields; do
  select="${select:+$select, }mean(\"$field\") AS \"$field\""
done
q "DROP CONTINUOUS QUERY cq_vitals_1m ON vitals" || true
q "CREATE CONTINUOUS QUERY cq_vitals_1m ON vitals RESAMPLE EVERY 5m FOR 15m BEGIN SELECT $select INTO vitals.downsampled.vitals FROM vitals.raw.vitals GROUP BY time(1m), * END"

user() {
  local name=$1 password=$2
  q "CREATE USER \"$name\" WITH PASSWORD '$password'"
  q "SET PASSWORD FOR \"$name\" = '$password'"
}
user ingest "${INFLUX_INGEST_PASSWORD:?}"
user grafana "${INFLUX_GRAFANA_PASSWORD:?}"
user telegraf "${INFLUX_TELEGRAF_PASSWORD:?}"
q "GRANT ALL ON vitals TO ingest"  # write readings, read the audit trail (not admin)
q "GRANT WRITE ON ops TO ingest"
q "GRANT READ ON vitals TO grafana"
q "GRANT READ ON ops TO grafana"
q "GRANT WRITE ON ops TO telegraf"
echo "influxdb-v1-setup.sh: databases vitals (raw, downsampled) and ops, continuous query and users ready"
