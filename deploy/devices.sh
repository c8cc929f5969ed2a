#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Turns the device inventory into broker accounts, certificates and revocations.
#
#   deploy/devices.sh [--inventory FILE] [--secrets DIR] [--env FILE] [--apply]
#                     [--revoke ID]... [--apply-mosquitto]
#
# Reads the inventory (default deploy/devices.csv, `device_id,...` per line) and the
# service passwords in .env, then writes into the secrets directory (default
# deploy/secrets, mode 700):
#   devices/passwords.csv      device_id,password: generated once per device, kept on
#                              later runs (mode 600). Give each device its password.
#   devices/revoked.txt        every device id ever revoked (never accepted again)
#   emqx/auth-bootstrap.csv    EMQX, device listener 8883: the devices (PBKDF2-SHA256)
#   emqx/services-bootstrap.csv EMQX, internal listener 1883: the service accounts
#   mosquitto/passwd           Mosquitto, internal listener: the service accounts and
#                              `telegraf` (reads two $SYS counters, install without
#                              Docker) (PBKDF2-SHA512); devices authenticate on 8883 by
#                              their certificate (docs/security.md, "Device identity")
#   tls/devices/<id>.*         client certificate (CN = device id), key, PKCS#12 and
#                              its own password <id>.p12-password (if the CA exists)
#   tls/ca.crl                 the revoked device certificates (CRL, both brokers)
# Service accounts: `ingest` always; `publisher` (the simulator) only when .env's
# COMPOSE_PROFILES contains `simulation` (deploy/init.sh --demo). Service accounts
# exist only on the internal listener, devices only on the TLS listener.
# A device id that is not 1-64 characters of [A-Za-z0-9._-], is reserved (ingest,
# publisher, telegraf), is listed twice or was revoked is refused and nothing is written.
# Simulated devices: every id starting with sim- (any case) belongs to the simulator
# (publisher-service produces only such ids), so a real device with such an id is
# refused; a line whose kind starts with simulated- must have such an id. Simulated
# devices on a box without the simulation profile get a warning (a ward replaces the
# examples of the shipped inventory by its own devices).
#
# Revocation: `--revoke ID` removes the device from the inventory; a device removed
# from the inventory by hand is revoked the same way. Its certificate goes into the
# CRL, its certificate, key and password are deleted and its id is never accepted
# again (a replacement device gets a new id).
#
# EMQX imports the bootstrap files at start but never overwrites a user it already
# has; --apply pushes the accounts into the running EMQX (overwriting, so rotated
# passwords take effect): devices through the REST API, the service accounts of the
# internal listener with `emqx eval` in the container (EMQX 5.8 has no REST API for a
# listener's own users). For every revoked device it bans the device id as client id
# and as user name (for ever), deletes its account and disconnects it (kick).
# --apply-mosquitto (install without Docker) copies the password file and the CRL to
# MOSQUITTO_DIR (/etc/mosquitto/vitals) and restarts Mosquitto (MOSQUITTO_RESTART,
# `systemctl restart mosquitto`): a restart, not a reload, because Mosquitto 2.0
# applies a new CRL to new connections only; the restart cuts the revoked device's
# connection, and the CRL keeps it out.
set -euo pipefail
export LC_ALL=C

DEPLOY_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT_DIR=$(dirname "$DEPLOY_DIR")
INVENTORY=$DEPLOY_DIR/devices.csv
SECRETS_DIR=$DEPLOY_DIR/secrets
ENV_FILE=$ROOT_DIR/.env
APPLY=false
APPLY_MOSQUITTO=false
declare -a REVOKE=()
# Must equal password_hash_algorithm.iterations in deploy/emqx/emqx.conf.
HASH_ITERATIONS=10000
RESERVED_IDS=" ingest publisher telegraf "
# The prefix of every simulated device and patient id (publisher-service
# SpecResolver.RESERVED_PREFIX; docs/security.md, "Simulated device ids").
SIMULATED_PREFIX=sim-

usage() {
  sed -n '3,48p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

die() {
  echo "devices.sh: $*" >&2
  exit 2
}

while [[ $# -gt 0 ]]; do
  case $1 in
    --inventory) INVENTORY=$2; shift 2 ;;
    --secrets) SECRETS_DIR=$2; shift 2 ;;
    --env) ENV_FILE=$2; shift 2 ;;
    --apply) APPLY=true; shift ;;
    --apply-mosquitto) APPLY_MOSQUITTO=true; shift ;;
    --revoke) REVOKE+=("$2"); shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) die "unknown argument '$1' (see --help)" ;;
  esac
done

# shellcheck source=lib/placeholders.sh
source "$DEPLOY_DIR/lib/placeholders.sh"

command -v openssl >/dev/null || die "openssl is missing: apt-get install openssl"
command -v python3 >/dev/null || die "python3 is missing: apt-get install python3"
[[ -r $INVENTORY ]] || die "cannot read inventory $INVENTORY"

# env_value KEY: the value of KEY in the env file (the file is parsed, never sourced).
env_value() {
  local line
  line=$(grep -E "^$1=" "$ENV_FILE" 2>/dev/null | tail -n 1 || true)
  printf '%s' "${line#*=}"
}

REVOKED_FILE=$SECRETS_DIR/devices/revoked.txt
declare -A REVOKED=()
if [[ -f $REVOKED_FILE ]]; then
  while IFS= read -r id; do
    [[ -n $id ]] && REVOKED[$id]=1
  done <"$REVOKED_FILE"
fi

# --- --revoke: the device leaves the inventory -------------------------------------------
for id in "${REVOKE[@]}"; do
  [[ $id =~ ^[A-Za-z0-9._-]{1,64}$ ]] || die "--revoke: invalid device id '$id'"
  awk -F, -v id="$id" '{ first = $1; gsub(/^[ \t]+|[ \t\r]+$/, "", first) } first != id' \
    "$INVENTORY" >"$INVENTORY.tmp"
  cat "$INVENTORY.tmp" >"$INVENTORY"
  rm -f "$INVENTORY.tmp"
done

# --- read and validate the inventory (nothing is written before this passes) ----
declare -a DEVICES=()
declare -a SIMULATED=()
declare -A SEEN=()
errors=0
line_no=0
while IFS= read -r line || [[ -n $line ]]; do
  line_no=$((line_no + 1))
  line=${line%$'\r'}
  [[ -z ${line//[[:space:]]/} || $line == \#* ]] && continue
  id=${line%%,*}
  id=${id#"${id%%[![:space:]]*}"}
  id=${id%"${id##*[![:space:]]}"}
  if [[ $id == device_id ]]; then
    continue
  fi
  kind=
  if [[ $line == *,* ]]; then
    kind=${line#*,}
    kind=${kind%%,*}
    kind=${kind#"${kind%%[![:space:]]*}"}
    kind=${kind%"${kind##*[![:space:]]}"}
  fi
  if [[ ! $id =~ ^[A-Za-z0-9._-]{1,64}$ ]]; then
    echo "devices.sh: $INVENTORY:$line_no: invalid device id '$id': use 1-64 characters of [A-Za-z0-9._-]" >&2
    errors=$((errors + 1))
  elif [[ $RESERVED_IDS == *" $id "* ]]; then
    echo "devices.sh: $INVENTORY:$line_no: device id '$id' is reserved for a service account" >&2
    errors=$((errors + 1))
  elif [[ ${id,,} == "$SIMULATED_PREFIX"* && $kind != simulated-* ]]; then
    echo "devices.sh: $INVENTORY:$line_no: device id '$id' starts with '$SIMULATED_PREFIX', the prefix reserved for simulated devices (docs/security.md): give the real device another id" >&2
    errors=$((errors + 1))
  elif [[ $kind == simulated-* && ${id,,} != "$SIMULATED_PREFIX"* ]]; then
    echo "devices.sh: $INVENTORY:$line_no: device '$id' has the kind '$kind' of a simulated device, whose id must start with '$SIMULATED_PREFIX'" >&2
    errors=$((errors + 1))
  elif [[ -n ${REVOKED[$id]:-} ]]; then
    echo "devices.sh: $INVENTORY:$line_no: device id '$id' was revoked; give the device a new id" >&2
    errors=$((errors + 1))
  elif [[ -n ${SEEN[$id]:-} ]]; then
    echo "devices.sh: $INVENTORY:$line_no: device id '$id' is listed twice (first on line ${SEEN[$id]})" >&2
    errors=$((errors + 1))
  else
    SEEN[$id]=$line_no
    DEVICES+=("$id")
    if [[ $kind == simulated-* ]]; then
      SIMULATED+=("$id")
    fi
  fi
done <"$INVENTORY"
[[ $errors -eq 0 ]] || die "$errors invalid inventory line(s); nothing was written"

# The simulator's account `publisher` may publish as any device and admit patients:
# it exists only on a box with the compose profile `simulation` (deploy/init.sh --demo).
simulation=false
if [[ ,$(env_value COMPOSE_PROFILES), == *,simulation,* ]]; then
  simulation=true
fi
if [[ $simulation == false && ${#SIMULATED[@]} -gt 0 ]]; then
  echo "devices.sh: warning: ${#SIMULATED[@]} simulated device(s) (${SIMULATED[*]}) in $INVENTORY on a box without the simulation profile: on a ward, replace them by the ward's own devices (docs/operations.md)" >&2
fi
ingest_password=$(env_value MQTT_INGEST_PASSWORD)
publisher_password=$(env_value MQTT_PUBLISHER_PASSWORD)
telegraf_password=$(env_value MQTT_TELEGRAF_PASSWORD)
[[ -n $ingest_password ]] || die "MQTT_INGEST_PASSWORD missing in $ENV_FILE: run deploy/init.sh first"
refuse_placeholders MQTT_INGEST_PASSWORD="$ingest_password" || die "run deploy/init.sh first"
[[ -n $telegraf_password ]] || die "MQTT_TELEGRAF_PASSWORD missing in $ENV_FILE: run deploy/init.sh first"
refuse_placeholders MQTT_TELEGRAF_PASSWORD="$telegraf_password" || die "run deploy/init.sh first"
if [[ $simulation == true ]]; then
  [[ -n $publisher_password ]] || die "MQTT_PUBLISHER_PASSWORD missing in $ENV_FILE: run deploy/init.sh first"
  refuse_placeholders MQTT_PUBLISHER_PASSWORD="$publisher_password" || die "run deploy/init.sh first"
fi

# --- device passwords: keep the existing ones, generate for new devices ----------
umask 077
mkdir -p "$SECRETS_DIR/devices" "$SECRETS_DIR/emqx" "$SECRETS_DIR/mosquitto"
chmod 700 "$SECRETS_DIR"
PASSWORDS=$SECRETS_DIR/devices/passwords.csv
declare -A PASSWORD=()
declare -a REMOVED=()
if [[ -f $PASSWORDS ]]; then
  while IFS=, read -r id password; do
    [[ -z $id || $id == device_id ]] && continue
    PASSWORD[$id]=$password
    [[ -z ${SEEN[$id]:-} ]] && REMOVED+=("$id")
  done <"$PASSWORDS"
fi
created=0
{
  echo "device_id,password"
  for id in "${DEVICES[@]}"; do
    if [[ -z ${PASSWORD[$id]:-} ]]; then
      PASSWORD[$id]=$(openssl rand -hex 16)
      created=$((created + 1))
    fi
    echo "$id,${PASSWORD[$id]}"
  done
} >"$PASSWORDS.tmp"
mv "$PASSWORDS.tmp" "$PASSWORDS"
chmod 600 "$PASSWORDS"

# --- salted hashes for both brokers --------------------------------------------------
# Service accounts (internal listener only) and devices (TLS listener only) are kept
# apart, so a device's password is worth nothing on the internal listener.
services() {
  printf 'ingest\t%s\n' "$ingest_password"
  if [[ $simulation == true ]]; then
    printf 'publisher\t%s\n' "$publisher_password"
  fi
}
devices() {
  for id in "${DEVICES[@]}"; do
    printf '%s\t%s\n' "$id" "${PASSWORD[$id]}"
  done
}
BOOTSTRAP=$SECRETS_DIR/emqx/auth-bootstrap.csv
SERVICES_BOOTSTRAP=$SECRETS_DIR/emqx/services-bootstrap.csv
devices | python3 "$DEPLOY_DIR/lib/pwhash.py" emqx "$HASH_ITERATIONS" >"$BOOTSTRAP.tmp"
services | python3 "$DEPLOY_DIR/lib/pwhash.py" emqx "$HASH_ITERATIONS" >"$SERVICES_BOOTSTRAP.tmp"
# Read by EMQX (uid 1000) through a bind mount; only hashes, directory mode 700.
chmod 644 "$BOOTSTRAP.tmp" "$SERVICES_BOOTSTRAP.tmp"
mv "$BOOTSTRAP.tmp" "$BOOTSTRAP"
mv "$SERVICES_BOOTSTRAP.tmp" "$SERVICES_BOOTSTRAP"
# Mosquitto's internal listener also has `telegraf`, which reads the broker's drop
# counters ($SYS, deploy/telegraf/mosquitto.conf); EMQX exports them over HTTP instead.
{
  services
  printf 'telegraf\t%s\n' "$telegraf_password"
} | python3 "$DEPLOY_DIR/lib/pwhash.py" mosquitto "$HASH_ITERATIONS" >"$SECRETS_DIR/mosquitto/passwd.tmp"
mv "$SECRETS_DIR/mosquitto/passwd.tmp" "$SECRETS_DIR/mosquitto/passwd"

# --- client certificates and revocations ------------------------------------------------
TLS_DIR=$SECRETS_DIR/tls
# shellcheck source=lib/tls.sh
source "$DEPLOY_DIR/lib/tls.sh"
for id in "${REMOVED[@]}"; do
  if [[ -z ${REVOKED[$id]:-} ]]; then
    echo "$id" >>"$REVOKED_FILE"
    REVOKED[$id]=1
  fi
done
if [[ -s $TLS_DIR/ca.key ]]; then
  for id in "${!REVOKED[@]}"; do
    tls_revoke "$id"
  done
  tls_crl
  for id in "${DEVICES[@]}"; do
    tls_device "$id"
  done
else
  echo "devices.sh: no CA in $TLS_DIR yet, client certificates skipped (run deploy/init.sh)" >&2
fi

echo "devices.sh: ${#DEVICES[@]} device(s), $created new; passwords in $PASSWORDS"
if [[ ${#REMOVED[@]} -gt 0 ]]; then
  echo "devices.sh: removed from the inventory and revoked: ${REMOVED[*]}"
  if [[ $APPLY == false && $APPLY_MOSQUITTO == false ]]; then
    echo "devices.sh: still connected until applied: deploy/devices.sh --apply (EMQX) or --apply-mosquitto" >&2
  fi
fi

# --- push into a running EMQX ----------------------------------------------------------
if [[ $APPLY == true ]]; then
  command -v curl >/dev/null || die "curl is missing: apt-get install curl"
  base=${EMQX_API_URL:-http://127.0.0.1:18083}/api/v5
  api=$base/authentication/password_based%3Abuilt_in_database
  secret=$(env_value EMQX_API_SECRET)
  emqx_api() {
    curl -fsS -u "vitals-ops:$secret" "$@" >/dev/null
  }
  emqx_api -X POST -F "filename=@$BOOTSTRAP" "$api/import_users?type=hash"
  # Installations made before the listeners had separate accounts kept the service
  # accounts in the device listener's table: they do not belong there.
  for user in ingest publisher; do
    emqx_api -X DELETE "$api/users/$user" 2>/dev/null || true
  done
  # Revoked devices: banned for ever as client id and as user name (a new connection
  # is refused before authentication), account deleted, live connection cut.
  for id in "${!REVOKED[@]}"; do
    for as in clientid username; do
      emqx_api -X POST -H 'Content-Type: application/json' \
        -d "{\"as\":\"$as\",\"who\":\"$id\",\"by\":\"devices.sh\",\"reason\":\"revoked\"}" "$base/banned" 2>/dev/null || true
    done
    emqx_api -X DELETE "$api/users/$id" 2>/dev/null || true
    emqx_api -X DELETE "$base/clients/$id" 2>/dev/null || true
  done
  if [[ ${#REVOKED[@]} -gt 0 ]]; then
    echo "devices.sh: banned, deleted and disconnected in EMQX: ${!REVOKED[*]}"
  fi
  # The service accounts live in the internal listener's own authenticator.
  listener="'tcp:default'"
  authenticator='<<"password_based:built_in_database">>'
  expr="{ok, D} = file:read_file(\"/opt/emqx/etc/secrets/services-bootstrap.csv\"),"
  expr+=" {ok, _} = emqx_authn_chains:import_users($listener, $authenticator, {hash, <<\"services-bootstrap.csv\">>, D}),"
  if [[ $simulation == false ]]; then
    # A box that ran the simulator before: its account must not outlive the profile.
    expr+=" emqx_authn_chains:delete_user($listener, $authenticator, <<\"publisher\">>),"
  fi
  expr+=" ok."
  exec_emqx=${EMQX_EXEC:-}
  if [[ -z $exec_emqx ]]; then
    if docker compose version >/dev/null 2>&1; then
      exec_emqx="docker compose exec -T emqx"
    else
      exec_emqx="docker-compose exec -T emqx"
    fi
  fi
  # `emqx eval` prints the value of the expression: `ok`, or the error.
  result=$(
    cd "$ROOT_DIR" || exit
    $exec_emqx sh /opt/vitals/entrypoint.sh /opt/emqx/bin/emqx eval "$expr" 2>&1
  ) || true
  [[ $(printf '%s\n' "$result" | tail -n 1) == ok ]] ||
    die "could not update the service accounts of EMQX's internal listener (emqx eval): $result"
  echo "devices.sh: applied to EMQX"
fi

# --- install without Docker: Mosquitto ------------------------------------------------------
if [[ $APPLY_MOSQUITTO == true ]]; then
  target=${MOSQUITTO_DIR:-/etc/mosquitto/vitals}
  install -m 640 "$SECRETS_DIR/mosquitto/passwd" "$target/passwd"
  install -m 644 "$TLS_DIR/ca.crl" "$target/ca.crl"
  if getent group mosquitto >/dev/null 2>&1 && [[ $(id -u) -eq 0 ]]; then
    chgrp mosquitto "$target/passwd"
  fi
  ${MOSQUITTO_RESTART:-systemctl restart mosquitto}
  echo "devices.sh: Mosquitto restarted with the new accounts and CRL"
fi
