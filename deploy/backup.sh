#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Backs up the vital-signs platform into one dated archive (mode 600):
#
#   deploy/backup.sh [--dest DIR] [--retention-days N]        # Docker (default)
#   deploy/backup.sh --influx-v1 [--dest DIR] [--retention-days N]  # no Docker
#   options: --recipient CERT.pem (default BACKUP_RECIPIENT_CERT) | --unencrypted
#
# Encrypted by default: the archive is encrypted to the backup certificate (public key
# only; OpenSSL CMS, AES-256-GCM, authenticated) and written as .tar.gz.cms. The private
# key never lives on the NUC: it is made and kept off it (docs/operations.md) and only
# brought to a restore. Without a certificate the backup refuses to run, unless
# --unencrypted is given (then the archive holds every secret in clear).
#
# Docker: InfluxDB (`influx backup`, all buckets and metadata, with the ingest token
# volume), Grafana's data directory (Grafana is stopped for the few seconds of the copy,
# so its SQLite database is consistent; restarted even if the backup fails), the ward
# station's personal accounts (volume ingest-accounts), EMQX data (`emqx ctl data export`: users, ACL
# rules, retained messages, dashboard users) and the configuration: `.env`,
# deploy/secrets (CA and keys, device passwords), deploy/devices.csv, deploy/emqx.
# No Docker (systemd install): InfluxDB 1.x (`influxd backup -portable` through its
# RPC address INFLUX_V1_BACKUP_ADDR, default 127.0.0.1:8088) and the files in
# BACKUP_V1_PATHS (default: /etc/vitals with the credentials, the Mosquitto
# configuration, password file, ACL and persistence file, the ward station's accounts
# /var/lib/vitals-ingest/accounts.json, Grafana's database); SQLite files (Grafana's) are
# copied with sqlite3's online `.backup`, consistent while Grafana runs.
#
# DEST: default BACKUP_DIR from .env, else /var/backups/vitals; copy each archive off
# the NUC (docs/operations.md).
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
recipient=${BACKUP_RECIPIENT_CERT:-$(env_value BACKUP_RECIPIENT_CERT)}
unencrypted=false
while [[ $# -gt 0 ]]; do
  case $1 in
    --influx-v1) mode=v1; shift ;;
    --recipient) recipient=$2; shift 2 ;;
    --unencrypted) unencrypted=true; shift ;;
    --dest) dest=$2; shift 2 ;;
    --retention-days) retention=$2; shift 2 ;;
    -h | --help) sed -n '2,31p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument '$1' (see --help)" ;;
  esac
done
[[ $retention =~ ^[0-9]+$ ]] || die "--retention-days must be a number of days"
if [[ $unencrypted == false ]]; then
  [[ -n $recipient ]] || die "no backup certificate: set BACKUP_RECIPIENT_CERT (a certificate whose private key is kept off the NUC, docs/operations.md \"Backup\") or pass --unencrypted"
  [[ -r $recipient ]] || die "backup certificate '$recipient' is not readable"
  openssl x509 -in "$recipient" -noout 2>/dev/null || die "'$recipient' is not a PEM certificate"
  grep -q 'PRIVATE KEY' "$recipient" && die "'$recipient' contains a private key: the NUC must hold only the certificate"
fi

umask 077
mkdir -p "$dest"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
work=$(mktemp -d)
grafana_stopped=false
# a failed backup must never leave Grafana (the alerting) stopped
trap '[[ $grafana_stopped == true ]] && compose start grafana >/dev/null 2>&1; rm -rf "$work"' EXIT
archive=$dest/vitals-backup-$stamp.tar.gz
[[ $unencrypted == true ]] || archive=$archive.cms

backup_docker() {
  log "InfluxDB (influx backup)"
  compose exec -T influxdb sh -c 'rm -rf /tmp/vitals-backup && influx backup /tmp/vitals-backup >/dev/null && tar -C /tmp/vitals-backup -cf - . && rm -rf /tmp/vitals-backup' >"$work/influxdb.tar"
  compose exec -T influxdb tar -C /var/lib/influxdb2-tokens -cf - . >"$work/influxdb-tokens.tar"

  log "Grafana data (Grafana stopped for the copy: its SQLite database is consistent only at rest)"
  grafana_stopped=true
  compose stop grafana >/dev/null
  compose run --rm --no-deps -T --entrypoint tar grafana -C /var/lib/grafana -cf - --exclude ./plugins . >"$work/grafana.tar"
  compose start grafana >/dev/null
  grafana_stopped=false

  # Personal accounts of the ward station (bcrypt hashes): written atomically by the
  # ingest (temporary file renamed over the old one), so a copy while it runs is
  # consistent. A container of its own with the volume: works with the ingest down too.
  log "ward station accounts (volume ingest-accounts)"
  compose run --rm --no-deps -T --entrypoint tar ingest -C /var/lib/ingest/accounts -cf - . >"$work/ingest-accounts.tar"

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
  local defaults="/etc/vitals /etc/mosquitto/conf.d/vitals.conf /etc/mosquitto/vitals /var/lib/mosquitto/mosquitto.db /var/lib/vitals-ingest/accounts.json /var/lib/grafana/grafana.db"
  local paths=() path snapshots=()
  for path in ${BACKUP_V1_PATHS:-$defaults}; do
    [[ -e $path ]] || continue
    if [[ -f $path && $(head -c 15 "$path" 2>/dev/null) == "SQLite format 3" ]]; then
      # a live SQLite database (Grafana's) copied file by file may be torn; take a
      # consistent snapshot with SQLite's online backup instead
      command -v sqlite3 >/dev/null || die "sqlite3 is missing (apt-get install sqlite3): needed for a consistent copy of $path"
      mkdir -p "$work/snapshots$(dirname "$path")"
      sqlite3 "$path" ".backup '$work/snapshots$path'" || die "sqlite3 .backup of $path failed"
      snapshots+=("${path#/}")
    else
      paths+=("${path#/}")
    fi
  done
  if [[ ${#paths[@]} -gt 0 || ${#snapshots[@]} -gt 0 ]]; then
    log "files: ${paths[*]} ${snapshots[*]:+(SQLite snapshots: ${snapshots[*]})}"
    tar -C / -cf "$work/files.tar" --files-from /dev/null
    [[ ${#paths[@]} -eq 0 ]] || tar -C / -rf "$work/files.tar" "${paths[@]}"
    [[ ${#snapshots[@]} -eq 0 ]] || tar -C "$work/snapshots" -rf "$work/files.tar" "${snapshots[@]}"
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
if [[ $unencrypted == true ]]; then
  tar -C "$work" -czf "$archive.partial" .
else
  tar -C "$work" -czf - . |
    openssl cms -encrypt -binary -stream -outform DER -aes-256-gcm -out "$archive.partial" "$recipient" ||
    die "encryption failed"
fi
mv "$archive.partial" "$archive"
chmod 600 "$archive"
log "wrote $archive ($(du -h "$archive" | cut -f 1))"

find "$dest" -maxdepth 1 \( -name 'vitals-backup-*.tar.gz' -o -name 'vitals-backup-*.tar.gz.cms' \) -type f -mtime "+$retention" -print -delete |
  sed "s/^/$(basename "$0"): deleted (older than $retention days): /"
