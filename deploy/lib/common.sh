#!/usr/bin/env bash
# Helpers shared by backup.sh and restore.sh (sourced).

die() {
  echo "$(basename "$0"): $*" >&2
  exit 2
}

log() {
  echo "$(basename "$0"): $*"
}

# compose ARGS...: `docker compose` (v2) or `docker-compose` (v1), in the repo root.
compose() {
  if docker compose version >/dev/null 2>&1; then
    (cd "$ROOT_DIR" && docker compose "$@")
  elif command -v docker-compose >/dev/null; then
    (cd "$ROOT_DIR" && docker-compose "$@")
  else
    die "neither 'docker compose' nor 'docker-compose' is installed"
  fi
}

# wait_healthy SERVICE: waits up to 180 s for the service's healthcheck to pass.
wait_healthy() {
  local id status i
  for i in $(seq 1 90); do
    id=$(compose ps -q "$1" 2>/dev/null || true)
    status=$(docker inspect --format '{{.State.Health.Status}}' "$id" 2>/dev/null || true)
    if [[ $status == healthy ]]; then
      return 0
    fi
    sleep 2
  done
  die "service $1 did not become healthy (after $i checks)"
}
