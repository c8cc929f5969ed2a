#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Turns the device inventory into broker accounts.
#
#   deploy/devices.sh [--inventory FILE] [--secrets DIR] [--env FILE] [--apply]
#
# Reads the inventory (default deploy/devices.csv, `device_id,...` per line) and the
# service passwords in .env, then writes into the secrets directory (default
# deploy/secrets, mode 700):
#   devices/passwords.csv      device_id,password: generated once per device, kept on
#                              later runs (mode 600). Give each device its password.
#   emqx/auth-bootstrap.csv    EMQX built-in database bootstrap (PBKDF2-SHA256, salted)
#   mosquitto/passwd           Mosquitto password file (PBKDF2-SHA512, salted)
# Service accounts: `ingest` always; `publisher` (the simulator) only when .env's
# COMPOSE_PROFILES contains `simulation` (deploy/init.sh --demo).
#   tls/devices/<id>.*         client certificate, key and PKCS#12 (if the CA exists)
# A device id that is not 1-64 characters of [A-Za-z0-9._-], is reserved (ingest,
# publisher) or is listed twice is refused and nothing is written.
#
# EMQX imports the bootstrap file at start but never overwrites a user it already
# has; --apply pushes the accounts into the running EMQX through its REST API
# (overwriting, so rotated passwords take effect) and deletes the devices removed
# from the inventory (and `publisher` without the simulation profile).
set -euo pipefail
export LC_ALL=C

DEPLOY_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT_DIR=$(dirname "$DEPLOY_DIR")
INVENTORY=$DEPLOY_DIR/devices.csv
SECRETS_DIR=$DEPLOY_DIR/secrets
ENV_FILE=$ROOT_DIR/.env
APPLY=false
# Must equal password_hash_algorithm.iterations in deploy/emqx/emqx.conf.
HASH_ITERATIONS=10000
RESERVED_IDS=" ingest publisher "

usage() {
  sed -n '2,23p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
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

# --- read and validate the inventory (nothing is written before this passes) ----
declare -a DEVICES=()
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
  if [[ ! $id =~ ^[A-Za-z0-9._-]{1,64}$ ]]; then
    echo "devices.sh: $INVENTORY:$line_no: invalid device id '$id': use 1-64 characters of [A-Za-z0-9._-]" >&2
    errors=$((errors + 1))
  elif [[ $RESERVED_IDS == *" $id "* ]]; then
    echo "devices.sh: $INVENTORY:$line_no: device id '$id' is reserved for a service account" >&2
    errors=$((errors + 1))
  elif [[ -n ${SEEN[$id]:-} ]]; then
    echo "devices.sh: $INVENTORY:$line_no: device id '$id' is listed twice (first on line ${SEEN[$id]})" >&2
    errors=$((errors + 1))
  else
    SEEN[$id]=$line_no
    DEVICES+=("$id")
  fi
done <"$INVENTORY"
[[ $errors -eq 0 ]] || die "$errors invalid inventory line(s); nothing was written"

# The simulator's account `publisher` may publish as any device and admit patients:
# it exists only on a box with the compose profile `simulation` (deploy/init.sh --demo).
simulation=false
if [[ ,$(env_value COMPOSE_PROFILES), == *,simulation,* ]]; then
  simulation=true
fi
ingest_password=$(env_value MQTT_INGEST_PASSWORD)
publisher_password=$(env_value MQTT_PUBLISHER_PASSWORD)
[[ -n $ingest_password ]] || die "MQTT_INGEST_PASSWORD missing in $ENV_FILE: run deploy/init.sh first"
refuse_placeholders MQTT_INGEST_PASSWORD="$ingest_password" || die "run deploy/init.sh first"
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
accounts() {
  printf 'ingest\t%s\n' "$ingest_password"
  if [[ $simulation == true ]]; then
    printf 'publisher\t%s\n' "$publisher_password"
  fi
  for id in "${DEVICES[@]}"; do
    printf '%s\t%s\n' "$id" "${PASSWORD[$id]}"
  done
}
BOOTSTRAP=$SECRETS_DIR/emqx/auth-bootstrap.csv
accounts | python3 "$DEPLOY_DIR/lib/pwhash.py" emqx "$HASH_ITERATIONS" >"$BOOTSTRAP.tmp"
mv "$BOOTSTRAP.tmp" "$BOOTSTRAP"
# Read by EMQX (uid 1000) through a bind mount; only hashes, directory mode 700.
chmod 644 "$BOOTSTRAP"
accounts | python3 "$DEPLOY_DIR/lib/pwhash.py" mosquitto "$HASH_ITERATIONS" >"$SECRETS_DIR/mosquitto/passwd.tmp"
mv "$SECRETS_DIR/mosquitto/passwd.tmp" "$SECRETS_DIR/mosquitto/passwd"

# --- client certificates ---------------------------------------------------------------
TLS_DIR=$SECRETS_DIR/tls
# shellcheck source=lib/tls.sh
source "$DEPLOY_DIR/lib/tls.sh"
if [[ -s $TLS_DIR/ca.key ]]; then
  for id in "${DEVICES[@]}"; do
    tls_device "$id" "${PASSWORD[$id]}"
  done
else
  echo "devices.sh: no CA in $TLS_DIR yet, client certificates skipped (run deploy/init.sh)" >&2
fi

echo "devices.sh: ${#DEVICES[@]} device(s), $created new; passwords in $PASSWORDS"
if [[ ${#REMOVED[@]} -gt 0 ]]; then
  echo "devices.sh: removed from the inventory: ${REMOVED[*]}"
fi

# --- push into a running EMQX ----------------------------------------------------------
if [[ $APPLY == true ]]; then
  command -v curl >/dev/null || die "curl is missing: apt-get install curl"
  api=${EMQX_API_URL:-http://127.0.0.1:18083}/api/v5/authentication/password_based%3Abuilt_in_database
  secret=$(env_value EMQX_API_SECRET)
  curl -fsS -u "vitals-ops:$secret" -X POST -F "filename=@$BOOTSTRAP" "$api/import_users?type=hash" >/dev/null
  if [[ $simulation == false ]]; then
    # A box that ran the simulator before: its account must not outlive the profile.
    REMOVED+=(publisher)
  fi
  for id in "${REMOVED[@]}"; do
    curl -fsS -u "vitals-ops:$secret" -X DELETE "$api/users/$id" >/dev/null ||
      echo "devices.sh: could not delete $id from EMQX (already gone?)" >&2
  done
  echo "devices.sh: applied to EMQX"
fi
