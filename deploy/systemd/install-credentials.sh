#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Writes the secrets of the install without Docker as systemd credentials: one file per
# secret, named like the variable the service reads, from the .env deploy/init.sh wrote:
#
#   sudo deploy/systemd/install-credentials.sh [--dir /etc/vitals/credentials]
#        [--grafana-dir /etc/grafana/secrets] [--grafana-group grafana]
#
#   ingest/MQTT_PASSWORD          = MQTT_INGEST_PASSWORD
#   ingest/INFLUX_PASSWORD        = INFLUX_INGEST_PASSWORD
#   ingest/INGEST_ADMIN_PASSWORD  = INGEST_ADMIN_PASSWORD
#   publisher/MQTT_PASSWORD       = MQTT_PUBLISHER_PASSWORD   (only with the simulation
#   publisher/PUBLISHER_API_PASSWORD = PUBLISHER_API_PASSWORD  profile: demo boxes)
#   /etc/grafana/secrets/influx_grafana_password = INFLUX_GRAFANA_PASSWORD (only when
#                                   Grafana is installed, i.e. the group grafana exists)
#
# Directories mode 700 and files mode 600, owned by whoever runs it (root): the units
# load them with LoadCredential= (vitals-ingest.service, vitals-publisher.service), so
# only the service's own user reads them, and never as environment values
# (docs/security.md, "Secrets as files"). Grafana's datasource password goes where its
# provisioning reads it ($__file{} in grafana/provisioning/datasources/influxdb.yaml, the
# path compose mounts it at too): owner root, group grafana, directory 0750, file 0440.
# Idempotent; rerun after rotating a secret in .env, then `systemctl restart
# vitals-ingest grafana-server`. Refuses empty values and placeholders.
set -euo pipefail

ROOT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck source=../lib/placeholders.sh
source "$ROOT_DIR/deploy/lib/placeholders.sh"

dir=/etc/vitals/credentials
grafana_dir=/etc/grafana/secrets
grafana_group=grafana
while [[ $# -gt 0 ]]; do
  case $1 in
    --dir) dir=$2; shift 2 ;;
    --grafana-dir) grafana_dir=$2; shift 2 ;;
    --grafana-group) grafana_group=$2; shift 2 ;;
    -h | --help) sed -n '2,24p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "install-credentials.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
[[ -r $ROOT_DIR/.env ]] || { echo "install-credentials.sh: $ROOT_DIR/.env is missing: run deploy/init.sh first" >&2; exit 2; }

env_value() {
  local line
  line=$(grep -E "^$1=" "$ROOT_DIR/.env" | tail -n 1 || true)
  printf '%s' "${line#*=}"
}

# credential SERVICE NAME SOURCE: writes $dir/SERVICE/NAME from the .env variable SOURCE.
credential() {
  local value
  value=$(env_value "$3")
  [[ -n $value ]] || { echo "install-credentials.sh: $3 is empty in .env: run deploy/init.sh" >&2; exit 2; }
  refuse_placeholders "$3=$value" || exit 2
  install -d -m 700 "$dir" "$dir/$1"
  (umask 077 && printf '%s' "$value" >"$dir/$1/.$2.new")
  mv -f "$dir/$1/.$2.new" "$dir/$1/$2"
  echo "install-credentials.sh: $dir/$1/$2"
}

credential ingest MQTT_PASSWORD MQTT_INGEST_PASSWORD
credential ingest INFLUX_PASSWORD INFLUX_INGEST_PASSWORD
credential ingest INGEST_ADMIN_PASSWORD INGEST_ADMIN_PASSWORD
if [[ ,$(env_value COMPOSE_PROFILES), == *,simulation,* ]]; then
  credential publisher MQTT_PASSWORD MQTT_PUBLISHER_PASSWORD
  credential publisher PUBLISHER_API_PASSWORD PUBLISHER_API_PASSWORD
elif [[ -d $dir/publisher ]]; then
  # a ward runs no simulator: its broker account does not exist either
  rm -rf "${dir:?}/publisher"
  echo "install-credentials.sh: removed $dir/publisher (no simulation profile)"
fi
# Grafana (optional on this install): the datasource password as a file its group reads.
if getent group "$grafana_group" >/dev/null; then
  value=$(env_value INFLUX_GRAFANA_PASSWORD)
  [[ -n $value ]] || { echo "install-credentials.sh: INFLUX_GRAFANA_PASSWORD is empty in .env: run deploy/init.sh" >&2; exit 2; }
  refuse_placeholders "INFLUX_GRAFANA_PASSWORD=$value" || exit 2
  install -d -m 750 "$grafana_dir"
  chgrp "$grafana_group" "$grafana_dir"
  chmod 750 "$grafana_dir"
  (umask 077 && printf '%s' "$value" >"$grafana_dir/.influx_grafana_password.new")
  chgrp "$grafana_group" "$grafana_dir/.influx_grafana_password.new"
  chmod 440 "$grafana_dir/.influx_grafana_password.new"
  mv -f "$grafana_dir/.influx_grafana_password.new" "$grafana_dir/influx_grafana_password"
  echo "install-credentials.sh: $grafana_dir/influx_grafana_password (group $grafana_group, mode 440)"
else
  echo "install-credentials.sh: no group $grafana_group (Grafana not installed): $grafana_dir/influx_grafana_password not written"
fi
