#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Writes the secrets of the install without Docker as systemd credentials: one file per
# secret, named like the variable the service reads, from the .env deploy/init.sh wrote:
#
#   sudo deploy/systemd/install-credentials.sh [--dir /etc/vitals/credentials]
#        [--grafana-dir /etc/grafana/secrets] [--grafana-group grafana]
#        [--telegraf-dir /etc/telegraf/mosquitto] [--telegraf-group telegraf]
#
#   ingest/MQTT_PASSWORD          = MQTT_INGEST_PASSWORD
#   ingest/INFLUX_PASSWORD        = INFLUX_INGEST_PASSWORD
#   ingest/INGEST_ADMIN_PASSWORD  = INGEST_ADMIN_PASSWORD
#   publisher/MQTT_PASSWORD       = MQTT_PUBLISHER_PASSWORD   (only with the simulation
#   publisher/PUBLISHER_API_PASSWORD = PUBLISHER_API_PASSWORD  profile: demo boxes)
#   /etc/grafana/secrets/influx_grafana_password = INFLUX_GRAFANA_PASSWORD (only when
#                                   Grafana is installed, i.e. the group grafana exists)
#   /etc/telegraf/mosquitto/mosquitto_sub = `-u telegraf` and `-P MQTT_TELEGRAF_PASSWORD`,
#                                   the options file mosquitto_sub reads for Telegraf's
#                                   broker counters (deploy/telegraf/mosquitto.conf; only
#                                   when Telegraf is installed, i.e. the group telegraf exists)
#
# Directories mode 700 and files mode 600, owned by whoever runs it (root): the units
# load them with LoadCredential= (vitals-ingest.service, vitals-publisher.service), so
# only the service's own user reads them, and never as environment values
# (docs/security.md, "Secrets as files"). Grafana's datasource password goes where its
# provisioning reads it ($__file{} in grafana/provisioning/datasources/influxdb.yaml, the
# path compose mounts it at too): owner root, group grafana, directory 0750, file 0440;
# Telegraf's broker account likewise (group telegraf).
# Idempotent; rerun after rotating a secret in .env, then `systemctl restart
# vitals-ingest grafana-server`. Refuses empty values and placeholders.
set -euo pipefail

ROOT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck source=../lib/placeholders.sh
source "$ROOT_DIR/deploy/lib/placeholders.sh"

dir=/etc/vitals/credentials
grafana_dir=/etc/grafana/secrets
grafana_group=grafana
telegraf_dir=/etc/telegraf/mosquitto
telegraf_group=telegraf
while [[ $# -gt 0 ]]; do
  case $1 in
    --dir) dir=$2; shift 2 ;;
    --grafana-dir) grafana_dir=$2; shift 2 ;;
    --grafana-group) grafana_group=$2; shift 2 ;;
    --telegraf-dir) telegraf_dir=$2; shift 2 ;;
    --telegraf-group) telegraf_group=$2; shift 2 ;;
    -h | --help) sed -n '2,30p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
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
# group_file GROUP DIR FILE SOURCE CONTENT: writes DIR/FILE (owner root, group GROUP,
# directory 0750, file 0440) when GROUP exists, i.e. that program is installed; SOURCE
# is the .env variable the content comes from (refused when empty or a placeholder).
group_file() {
  local group=$1 target_dir=$2 file=$3 source=$4 content=$5 value
  if ! getent group "$group" >/dev/null; then
    echo "install-credentials.sh: no group $group (not installed): $target_dir/$file not written"
    return 0
  fi
  value=$(env_value "$source")
  [[ -n $value ]] || { echo "install-credentials.sh: $source is empty in .env: run deploy/init.sh" >&2; exit 2; }
  refuse_placeholders "$source=$value" || exit 2
  install -d -m 750 "$target_dir"
  chgrp "$group" "$target_dir"
  chmod 750 "$target_dir"
  (umask 077 && printf '%s' "$content" >"$target_dir/.$file.new")
  chgrp "$group" "$target_dir/.$file.new"
  chmod 440 "$target_dir/.$file.new"
  mv -f "$target_dir/.$file.new" "$target_dir/$file"
  echo "install-credentials.sh: $target_dir/$file (group $group, mode 440)"
}

# Grafana (optional on this install): the datasource password as a file its group reads.
group_file "$grafana_group" "$grafana_dir" influx_grafana_password INFLUX_GRAFANA_PASSWORD \
  "$(env_value INFLUX_GRAFANA_PASSWORD)"
# Telegraf (optional): mosquitto_sub's options file, its broker account `telegraf`.
group_file "$telegraf_group" "$telegraf_dir" mosquitto_sub MQTT_TELEGRAF_PASSWORD \
  "$(printf -- '-u telegraf\n-P %s\n' "$(env_value MQTT_TELEGRAF_PASSWORD)")"
