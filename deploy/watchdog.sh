#!/usr/bin/env bash
# Restarts the containers of this installation that Docker reports `unhealthy`.
#
#   deploy/watchdog.sh            one pass (vitals-watchdog.timer runs it every minute)
#
# Docker's restart policy (`restart: unless-stopped`) restarts a container whose
# process exits, never one whose healthcheck fails: an EMQX that answers no `emqx ctl
# status`, a Grafana whose /api/health hangs or an ingest that is no longer subscribed
# would stay up and useless. This pass restarts each container of the compose project
# (COMPOSE_PROJECT_NAME of .env, default `vitals`) that is `unhealthy`, with a 30 s
# stop grace (the ingest drains its batch), at most once per WATCHDOG_COOLDOWN_SECONDS
# (default 600: longer than any start_period plus retries x interval of
# docker-compose.yml, so a restarted container gets its chance to become healthy
# before it is restarted again). Each restart is logged (journalctl -u vitals-watchdog)
# and remembered in WATCHDOG_STATE_DIR (default /var/lib/vitals-watchdog).
# It runs on the host from systemd rather than as a container: a container that may
# restart others needs the Docker socket, i.e. root on the NUC.
set -euo pipefail

DEPLOY_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT_DIR=$(dirname "$DEPLOY_DIR")
COOLDOWN=${WATCHDOG_COOLDOWN_SECONDS:-600}
STATE_DIR=${WATCHDOG_STATE_DIR:-/var/lib/vitals-watchdog}
DOCKER=${DOCKER:-docker}

project=${COMPOSE_PROJECT_NAME:-}
if [[ -z $project && -r $ROOT_DIR/.env ]]; then
  project=$(grep -E '^COMPOSE_PROJECT_NAME=' "$ROOT_DIR/.env" | tail -n 1 | cut -d= -f2- || true)
fi
project=${project:-vitals}
[[ $project =~ ^[a-z0-9][a-z0-9_-]*$ ]] || {
  echo "watchdog.sh: invalid COMPOSE_PROJECT_NAME '$project'" >&2
  exit 2
}
[[ $COOLDOWN =~ ^[0-9]+$ ]] || {
  echo "watchdog.sh: WATCHDOG_COOLDOWN_SECONDS must be a number of seconds" >&2
  exit 2
}
mkdir -p "$STATE_DIR"

now=$(date +%s)
failed=0
unhealthy=$("$DOCKER" ps --filter "label=com.docker.compose.project=$project" --filter health=unhealthy \
  --format '{{.ID}} {{.Names}}')
while read -r id name; do
  [[ -n ${id:-} ]] || continue
  state=$STATE_DIR/$name
  last=0
  if [[ -r $state ]]; then
    last=$(cat "$state")
    [[ $last =~ ^[0-9]+$ ]] || last=0
  fi
  if ((now - last < COOLDOWN)); then
    echo "watchdog.sh: $name is unhealthy; restarted $((now - last)) s ago, waiting (cooldown ${COOLDOWN} s)"
    continue
  fi
  echo "watchdog.sh: $name is unhealthy: restarting it"
  if "$DOCKER" restart --time 30 "$id" >/dev/null; then
    echo "$now" >"$state"
  else
    echo "watchdog.sh: could not restart $name" >&2
    failed=1
  fi
done <<<"$unhealthy"
exit "$failed"
