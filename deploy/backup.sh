#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Backs up the vital-signs platform into one dated archive (mode 600):
#
#   deploy/backup.sh [--dest DIR] [--retention-days N]        # Docker (default)
#   deploy/backup.sh --influx-v1 [--dest DIR] [--retention-days N]  # no Docker
#
# Docker: InfluxDB (`influx backup`, all buckets and metadata, with the ingest token
# volume), Grafana's data directory, EMQX data (`emqx ctl data export`: users, ACL
# rules, retained messages, dashboard users) and the configuration: `.env`,
# deploy/secrets (CA and keys, device passwords), deploy/devices.csv, deploy/emqx.
# No Docker (systemd install): InfluxDB 1.x (`influxd backup -portable` through its
# RPC address INFLUX_V1_BACKUP_ADDR, default 127.0.0.1:8088) and the files in
# BACKUP_V1_PATHS (default: /etc/vitals, the Mosquitto configuration, password
# file, ACL and persistence file, Grafana's database).
#
# The archive holds secrets: keep DEST (default BACKUP_DIR from .env, else
# /var/backups/vitals) on encrypted storage and copy it off the NUC (docs/operations.md).
# Archives older than the retention (default BACKUP_RETENTION_DAYS, else 14 days) are
# deleted after a successful backup.
set -euo pipefail

DEPLOY_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT_DIR=$(dirname "$DEPLOY_DIR")
# shellcheck source=lib/common.sh
source "$DEPLOY_DIR/lib/common.sh"

env_value() {
  local line
  line=$(grep -E "^$1=" "$ROOT_DIR/.env" 2>/dev/null | tail -n 1 || true)
  printf '%s' "${line#*=}"
}

mode=docker
dest=$(env_value BACKUP_DIR)
dest=${dest:-/var/backups/vitals}
retention=$(env_value BACKUP_RETENTION_DAYS)
retention=${retention:-14}
while [[ $# -gt 0 ]]; do
  case $1 in
    --influx-v1) mode=v1; shift ;;
    --dest) dest=$2; shift 2 ;;
    --retention-days) retention=$2; shift 2 ;;
    -h | --help) sed -n '2,24p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument '$1' (see --help)" ;;
  esac
done
[[ $retention =~ ^[0-9]+$ ]] || die "--retention-days must be a number of days"

umask 077
mkdir -p "$dest"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
archive=$dest/vitals-backup-$stamp.tar.gz

backup_docker() {
  log "InfluxDB (influx backup)"
  compose exec -T influxdb sh -c 'rm -rf /tmp/vitals-backup && influx backup /tmp/vitals-backup >/dev/null && tar -C /tmp/vitals-backup -cf - . && rm -rf /tmp/vitals-backup' >"$work/influxdb.tar"
  compose exec -T influxdb tar -C /var/lib/influxdb2-tokens -cf - . >"$work/influxdb-tokens.tar"

  log "Grafana data"
  compose exec -T grafana tar -C /var/lib/grafana -cf - --exclude ./plugins . >"$work/grafana.tar"

  log "EMQX data (emqx ctl data export)"
  local out file
  out=$(compose exec -T emqx emqx ctl data export)
  file=$(printf '%s\n' "$out" | grep -o 'data/backup/[^ ]*\.tar\.gz' | head -n 1 || true)
  [[ -n $file ]] || die "EMQX export failed: $out"
  compose exec -T emqx cat "/opt/emqx/$file" >"$work/emqx-export.tar.gz"
  compose exec -T emqx rm -f "/opt/emqx/$file"

  log "configuration and secrets"
  local paths=()
  for path in .env deploy/secrets deploy/devices.csv deploy/emqx; do
    [[ -e $ROOT_DIR/$path ]] && paths+=("$path")
  done
  tar -C "$ROOT_DIR" -cf "$work/config.tar" "${paths[@]}"
}

backup_v1() {
  command -v influxd >/dev/null || die "influxd is missing: apt-get install influxdb"
  log "InfluxDB 1.x (influxd backup -portable from ${INFLUX_V1_BACKUP_ADDR:-127.0.0.1:8088})"
  influxd backup -portable -host "${INFLUX_V1_BACKUP_ADDR:-127.0.0.1:8088}" "$work/influxdb" >"$work/influxd-backup.log" 2>&1 ||
    die "influxd backup failed: $(tail -n 5 "$work/influxd-backup.log")"
  rm -f "$work/influxd-backup.log"
  local defaults="/etc/vitals /etc/mosquitto/conf.d/vitals.conf /etc/mosquitto/vitals /var/lib/mosquitto/mosquitto.db /var/lib/grafana/grafana.db"
  local paths=() path
  for path in ${BACKUP_V1_PATHS:-$defaults}; do
    [[ -e $path ]] && paths+=("${path#/}")
  done
  if [[ ${#paths[@]} -gt 0 ]]; then
    log "files: ${paths[*]}"
    tar -C / -cf "$work/files.tar" "${paths[@]}"
  fi
}

if [[ $mode == docker ]]; then
  backup_docker
else
  backup_v1
fi
{
  echo "created=$stamp"
  echo "mode=$mode"
  echo "host=$(hostname)"
} >"$work/MANIFEST"
tar -C "$work" -czf "$archive.partial" .
mv "$archive.partial" "$archive"
chmod 600 "$archive"
log "wrote $archive ($(du -h "$archive" | cut -f 1))"

find "$dest" -maxdepth 1 -name 'vitals-backup-*.tar.gz' -type f -mtime "+$retention" -print -delete |
  sed "s/^/$(basename "$0"): deleted (older than $retention days): /"
