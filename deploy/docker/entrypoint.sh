#!/bin/sh
# Entrypoint of the ingest-service and publisher-service images, and the wrapper in
# front of the entrypoints of the third-party images in docker-compose.yml (EMQX,
# InfluxDB, Grafana, Telegraf: bind-mounted read-only at /opt/vitals/entrypoint.sh).
#
#   entrypoint.sh COMMAND [ARG...]      checks, then exec COMMAND
#
# 1. Secrets as files: for every variable NAME listed in VITALS_FILE_SECRETS below,
#    NAME_FILE=/path makes NAME the content of that file (Docker secrets written by
#    deploy/init.sh, or the InfluxDB token the init script writes into a shared
#    volume), so secrets need not be passed as environment values (`docker inspect`
#    shows those); NAME then exists only in the environment of the started program.
# 2. No placeholder starts anything: the container exits with status 78 and a message
#    naming the variable when
#    - any variable's value is a template placeholder such as __GENERATED__ (two
#      leading and two trailing underscores) or <set-me> (angle brackets), or
#    - a secret variable (name containing PASSWORD, TOKEN, SECRET or COOKIE, or
#      ending in _KEY), or the content of a file named by a *_FILE / *__FILE variable,
#      is a placeholder or a well-known default (changeme, password, admin, secret, ...).
#    - a file of CREDENTIALS_DIRECTORY (systemd credentials of the install without
#      Docker) is empty, a placeholder or a well-known default.
#    - a file listed in VITALS_CREDENTIAL_FILES (space-separated paths of secrets the
#      program reads from a fixed path itself, e.g. Grafana's datasource password,
#      `$__file{}` in its provisioning) is unreadable (exit 1), empty, a placeholder or
#      a well-known default.
#    Empty values are not judged here (compose refuses the empty required ones; an
#    empty SMTP password file means "relay without login").
# Host scripts (deploy/init.sh, devices.sh, backup.sh, influxdb-v1-setup.sh) run the
# same check on the values they read: `env -i NAME=VALUE sh deploy/docker/entrypoint.sh
# true` (deploy/lib/placeholders.sh).
set -eu

who=${VITALS_CHECKED_BY:-entrypoint}
# Read from NAME_FILE by this script (the images' own *_FILE support, e.g. Grafana's
# GF_*__FILE, needs no entry here).
VITALS_FILE_SECRETS=${VITALS_FILE_SECRETS:-INFLUX_TOKEN INFLUX_PASSWORD MQTT_PASSWORD INGEST_ADMIN_PASSWORD STATION_OIDC_CLIENT_SECRET PUBLISHER_API_PASSWORD EMQX_NODE__COOKIE EMQX_DASHBOARD__DEFAULT_PASSWORD DOCKER_INFLUXDB_INIT_PASSWORD DOCKER_INFLUXDB_INIT_ADMIN_TOKEN INFLUX_GRAFANA_PASSWORD INFLUX_TELEGRAF_PASSWORD INFLUX_INGEST_PASSWORD}

# is_placeholder VALUE: a template value nobody may run with.
is_placeholder() {
  case $1 in
    __*__ | \<*\> | *__GENERATED__*) return 0 ;;
  esac
  return 1
}

# is_default VALUE: a well-known default or stand-in password (case-insensitive).
is_default() {
  printf '%s\n' "$1" | grep -Eiqx 'changeme|change[-_]me|changeit|replace[-_]?me|passw(o|0)rd|secret|admin|root|default|example|test|todo|fixme|generated|none|null|x{3,}|\*{3,}|\$\{.*\}'
}

is_secret_name() {
  case $1 in
    *PASSWORD* | *TOKEN* | *SECRET* | *COOKIE* | *_KEY) return 0 ;;
  esac
  return 1
}

for name in $VITALS_FILE_SECRETS; do
  eval "file=\${${name}_FILE:-}"
  if [ -n "$file" ]; then
    if [ ! -r "$file" ]; then
      echo "$who: ${name}_FILE=$file is not readable" >&2
      exit 1
    fi
    value=$(cat "$file")
    export "$name=$value"
    unset "${name}_FILE"
  fi
done

failed=
for name in $(env | sed -n 's/^\([A-Za-z_][A-Za-z0-9_]*\)=.*/\1/p' | sort -u); do
  eval "value=\${$name:-}"
  [ -n "$value" ] || continue
  if is_placeholder "$value"; then
    echo "$who: $name is the placeholder '$value'" >&2
    failed=$name
    continue
  fi
  if is_secret_name "$name" && is_default "$value"; then
    echo "$who: $name is a well-known default password" >&2
    failed=$name
    continue
  fi
  case $name in
    *_FILE)
      if [ -f "$value" ] && [ -r "$value" ]; then
        content=$(cat "$value")
        if [ -n "$content" ] && { is_placeholder "$content" || is_default "$content"; }; then
          echo "$who: the file $value ($name) holds a placeholder or well-known default" >&2
          failed=$name
        fi
      fi
      ;;
  esac
done
# systemd credentials (LoadCredential= in deploy/systemd/*.service): every file of
# CREDENTIALS_DIRECTORY is a secret the service reads; each must be a real one (an
# empty file is refused too: a unit loads only the secrets it needs).
if [ -n "${CREDENTIALS_DIRECTORY:-}" ]; then
  for file in "$CREDENTIALS_DIRECTORY"/*; do
    [ -f "$file" ] || continue
    content=$(cat "$file")
    if [ -z "$content" ] || is_placeholder "$content" || is_default "$content"; then
      echo "$who: the credential ${file##*/} is empty, a placeholder or a well-known default" >&2
      failed=${file##*/}
    fi
  done
fi
# Secret files the program reads itself from a fixed path (no NAME_FILE variable
# names them): each must exist and hold a real secret.
for file in ${VITALS_CREDENTIAL_FILES:-}; do
  if [ ! -r "$file" ]; then
    echo "$who: $file (VITALS_CREDENTIAL_FILES) is not readable" >&2
    exit 1
  fi
  content=$(cat "$file")
  if [ -z "$content" ] || is_placeholder "$content" || is_default "$content"; then
    echo "$who: the file $file (VITALS_CREDENTIAL_FILES) is empty, a placeholder or a well-known default" >&2
    failed=VITALS_CREDENTIAL_FILES
  fi
done
if [ -n "$failed" ]; then
  echo "$who: refusing to start. Run deploy/init.sh (it writes real secrets into .env and deploy/secrets), then start again (docs/security.md)." >&2
  exit 78
fi
exec "$@"
