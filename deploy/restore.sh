#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Restores an archive written by deploy/backup.sh (recovery runbook:
# docs/operations.md).
#
#   deploy/restore.sh ARCHIVE [--skip-config]          # Docker (default)
#   deploy/restore.sh --influx-v1 ARCHIVE [--with-files]  # no Docker
#   an encrypted archive (.cms) also needs --key KEY.pem, the backup private key
#   brought from where it is kept off the NUC (removed again after the restore)
#
# Docker, e.g. on a new NUC with the repository checked out: puts back `.env`,
# deploy/secrets (same CA and server certificate, so devices reconnect unchanged),
# deploy/devices.csv and deploy/emqx (the current ones are kept as
# *.before-restore-<time>; --skip-config leaves them alone), starts InfluxDB and
# replaces all its data and metadata (`influx restore --full`) and the ingest token,
# puts back Grafana's data and the ward station's accounts (volume ingest-accounts),
# imports the EMQX export, then starts everything.
# No Docker: `influxd restore -portable` into the running InfluxDB 1.x at
# INFLUX_V1_BACKUP_ADDR (default 127.0.0.1:8088); the databases must not exist (drop
# them first). --with-files also puts the configuration files back in place.
set -euo pipefail

DEPLOY_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT_DIR=$(dirname "$DEPLOY_DIR")
# shellcheck source=lib/common.sh
source "$DEPLOY_DIR/lib/common.sh"

mode=docker
archive=
skip_config=false
with_files=false
key=
while [[ $# -gt 0 ]]; do
  case $1 in
    --influx-v1) mode=v1; shift ;;
    --skip-config) skip_config=true; shift ;;
    --with-files) with_files=true; shift ;;
    --key) key=$2; shift 2 ;;
    -h | --help) sed -n '2,20p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) die "unknown argument '$1' (see --help)" ;;
    *) archive=$1; shift ;;
  esac
done
[[ -n $archive && -r $archive ]] || die "give the archive to restore (see --help)"

umask 077
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [[ $archive == *.cms ]]; then
  [[ -n $key && -r $key ]] || die "$archive is encrypted: give the backup private key with --key KEY.pem"
  openssl cms -decrypt -binary -inform DER -inkey "$key" -in "$archive" -out "$work/archive.tar.gz" 2>"$work/decrypt.log" ||
    die "cannot decrypt $archive (wrong key, or the archive was altered): $(tail -n 2 "$work/decrypt.log")"
  tar -C "$work" -xzf "$work/archive.tar.gz"
  rm -f "$work/archive.tar.gz" "$work/decrypt.log"
else
  tar -C "$work" -xzf "$archive"
fi
[[ -f $work/MANIFEST ]] || die "$archive is not a vitals backup (no MANIFEST)"
grep -q "^mode=$mode$" "$work/MANIFEST" || die "$archive was not made in $mode mode: $(grep '^mode=' "$work/MANIFEST")"

restore_v1() {
  command -v influxd >/dev/null || die "influxd is missing: apt-get install influxdb"
  log "InfluxDB 1.x (influxd restore -portable to ${INFLUX_V1_BACKUP_ADDR:-127.0.0.1:8088})"
  influxd restore -portable -host "${INFLUX_V1_BACKUP_ADDR:-127.0.0.1:8088}" "$work/influxdb" >"$work/restore.log" 2>&1 ||
    die "influxd restore failed (drop the databases first?): $(tail -n 5 "$work/restore.log")"
  if [[ $with_files == true && -f $work/files.tar ]]; then
    log "files back in place: $(tar -tf "$work/files.tar" | head -n 20 | tr '\n' ' ')"
    tar -C / -xpf "$work/files.tar"
  fi
}

restore_docker() {
  local stamp
  stamp=$(date -u +%Y%m%dT%H%M%SZ)
  if [[ $skip_config == false ]]; then
    log "configuration and secrets"
    for path in .env deploy/secrets deploy/devices.csv deploy/emqx; do
      if [[ -e $ROOT_DIR/$path ]]; then
        mv "$ROOT_DIR/$path" "$ROOT_DIR/$path.before-restore-$stamp"
      fi
    done
    tar -C "$ROOT_DIR" -xpf "$work/config.tar"
  fi

  log "InfluxDB (influx restore --full)"
  compose up -d influxdb
  wait_healthy influxdb
  compose exec -T influxdb sh -c 'rm -rf /tmp/vitals-restore && mkdir -p /tmp/vitals-restore && tar -C /tmp/vitals-restore -xf -' <"$work/influxdb.tar"
  compose exec -T influxdb influx restore --full /tmp/vitals-restore
  compose exec -T influxdb rm -rf /tmp/vitals-restore
  compose exec -T influxdb sh -c 'tar -C /var/lib/influxdb2-tokens -xf - && chmod 444 /var/lib/influxdb2-tokens/ingest.token' <"$work/influxdb-tokens.tar"
  # influxd keeps the restored metadata; restart so every cache starts from it.
  compose restart influxdb
  wait_healthy influxdb

  log "Grafana data"
  compose stop grafana || true
  compose run --rm --no-deps -T --entrypoint sh grafana -c 'tar -C /var/lib/grafana -xf -' <"$work/grafana.tar"

  if [[ -f $work/ingest-accounts.tar ]]; then
    log "ward station accounts (volume ingest-accounts)"
    compose stop ingest >/dev/null 2>&1 || true
    compose run --rm --no-deps -T --entrypoint sh ingest -c 'find /var/lib/ingest/accounts -mindepth 1 -delete && tar -C /var/lib/ingest/accounts -xpf -' <"$work/ingest-accounts.tar"
  else
    log "no ward station accounts in this archive (made before they were backed up): recreate them (docs/ward-station.md)"
  fi

  log "EMQX data (emqx ctl data import)"
  compose up -d emqx
  wait_healthy emqx
  compose exec -T emqx sh -c 'mkdir -p /opt/emqx/data/backup && cat > /opt/emqx/data/backup/vitals-restore.tar.gz' <"$work/emqx-export.tar.gz"
  compose exec -T emqx emqx ctl data import /opt/emqx/data/backup/vitals-restore.tar.gz
  compose exec -T emqx rm -f /opt/emqx/data/backup/vitals-restore.tar.gz

  log "starting everything"
  compose up -d
}

if [[ $mode == docker ]]; then
  restore_docker
else
  restore_v1
fi
log "restored $archive ($(grep '^created=' "$work/MANIFEST"))"
