#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Prepares a fresh NUC (or refreshes an existing one) for `docker compose up -d`.
#
#   deploy/init.sh [--hostname NAME]          a ward NUC (the default)
#   deploy/init.sh --demo [--hostname NAME]   a demonstration box: NEVER for a ward
#
# 1. `.env` from `.env.example`: every secret (a variable ending in _PASSWORD, _TOKEN,
#    _SECRET, _SECRET_KEY or _COOKIE, empty in the template) becomes a random secret;
#    a secret already in `.env` is kept unless it is a placeholder or a well-known
#    default (__GENERATED__, changeme, ...: deploy/docker/entrypoint.sh), which is
#    replaced with a warning. Other values already in `.env` are kept, variables new
#    in `.env.example` are added. Mode 600.
#    Ward (default): COMPOSE_PROFILES never contains `simulation` or `demo` (a rerun
#    removes them), so no simulator and no broker account `publisher` exist, and alert
#    routing left over from a demo (the catchers, @demo.invalid) is dropped.
#    --demo: COMPOSE_PROFILES gets `simulation` (publisher-service, simulated patients)
#    and `demo` (mail-catcher and webhook-catcher, docs/security.md), and alert
#    routing that is still empty points at the catchers, so alerts are visible without
#    a hospital relay. Simulated patients and a catcher instead of the nurse call: a
#    demo box must never receive real devices.
# 2. TLS material with openssl in deploy/secrets/tls: CA, server certificate (SANs:
#    NUC_HOSTNAME, localhost, the compose service names, TLS_EXTRA_SANS) and a client
#    certificate per device of deploy/devices.csv.
# 3. MQTT accounts (deploy/devices.sh): device passwords, EMQX bootstrap file,
#    Mosquitto password file; and the EMQX REST API key file. Every secret of `.env`
#    also as a file, deploy/secrets/env/<NAME> (Docker secrets of the containers).
# 4. Alert routing, which has no default (the hospital's): ALERT_WEBHOOK_URL,
#    ALERT_EMAIL_ADDRESSES, OPS_ALERT_EMAIL_ADDRESSES, SMTP_HOST, SMTP_FROM_ADDRESS
#    (required) and SMTP_USER are taken from init.sh's environment when set there,
#    else kept from `.env`, else asked for on a terminal. Malformed values are refused;
#    empty ones are listed, and compose refuses to start until they are filled in.
#    The SMTP password goes to deploy/secrets/grafana/smtp-password (from the
#    environment variable SMTP_PASSWORD, or asked for), never into `.env`; the ward
#    station's OpenID Connect client secret to deploy/secrets/station/oidc-client-secret
#    (from STATION_OIDC_CLIENT_SECRET; empty file: no single sign-on).
# Running it again never replaces an existing secret (unless it is a placeholder),
# key or certificate.
set -euo pipefail

DEPLOY_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT_DIR=$(dirname "$DEPLOY_DIR")
ENV_FILE=$ROOT_DIR/.env
EXAMPLE=$ROOT_DIR/.env.example
SECRETS_DIR=$DEPLOY_DIR/secrets
hostname_arg=
demo=false
# Variables of .env.example that are secrets, generated here (never a default).
SECRET_KEY='_(PASSWORD|TOKEN|SECRET|SECRET_KEY|COOKIE)$'

die() {
  echo "init.sh: $*" >&2
  exit 2
}

while [[ $# -gt 0 ]]; do
  case $1 in
    --hostname) hostname_arg=$2; shift 2 ;;
    --demo) demo=true; shift ;;
    -h | --help) sed -n '2,38p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument '$1' (see --help)" ;;
  esac
done

command -v openssl >/dev/null || die "openssl is missing: apt-get install openssl"
[[ -r $EXAMPLE ]] || die "cannot read $EXAMPLE"
umask 077

# --- 1. .env ---------------------------------------------------------------------
# A 48-hex-digit (192-bit) secret: safe in env files, URLs, HOCON and YAML unquoted.
new_secret() {
  openssl rand -hex 24
}

# usable_secret KEY VALUE: not empty, no placeholder, no well-known default; judged by
# the same check the containers run before they start.
usable_secret() {
  [[ -n $2 ]] && env -i PATH="$PATH" VITALS_CHECKED_BY=init.sh "$1=$2" sh "$DEPLOY_DIR/docker/entrypoint.sh" true 2>/dev/null
}

# profiles CURRENT: COMPOSE_PROFILES for this mode; other profiles an operator added
# are kept.
profiles() {
  local profile result=()
  local -a current
  IFS=, read -r -a current <<<"$1"
  for profile in "${current[@]}"; do
    [[ -z $profile || $profile == simulation || $profile == demo ]] && continue
    result+=("$profile")
  done
  if [[ $demo == true ]]; then
    result+=(simulation demo)
  fi
  (IFS=,; echo "${result[*]}")
}

declare -A CURRENT=()
if [[ -f $ENV_FILE ]]; then
  while IFS= read -r line || [[ -n $line ]]; do
    if [[ $line =~ ^([A-Za-z_][A-Za-z0-9_]*)=(.*)$ ]]; then
      CURRENT[${BASH_REMATCH[1]}]=${BASH_REMATCH[2]}
    fi
  done <"$ENV_FILE"
fi

# Alert routing: the hospital's values, never generated (see 4. above).
REQUIRED_SETTINGS=(ALERT_WEBHOOK_URL ALERT_EMAIL_ADDRESSES OPS_ALERT_EMAIL_ADDRESSES SMTP_HOST SMTP_FROM_ADDRESS)
SETTINGS=("${REQUIRED_SETTINGS[@]}" SMTP_USER)
EMAIL='[^[:space:],;@]+@[^[:space:],;@]+'

# valid_setting KEY VALUE: an empty value is "not set yet", not malformed.
valid_setting() {
  local value=$2
  [[ -z $value ]] && return 0
  case $1 in
    ALERT_WEBHOOK_URL) [[ $value =~ ^https?://[^[:space:]\;]+$ ]] ;;
    ALERT_EMAIL_ADDRESSES | OPS_ALERT_EMAIL_ADDRESSES) [[ $value =~ ^$EMAIL(,$EMAIL)*$ ]] ;;
    SMTP_FROM_ADDRESS) [[ $value =~ ^$EMAIL$ ]] ;;
    SMTP_HOST) [[ $value =~ ^[A-Za-z0-9.-]+:[0-9]{1,5}$ ]] ;;
    SMTP_USER) [[ $value =~ ^[^[:space:]\;]+$ ]] ;;
  esac
}

setting_hint() {
  case $1 in
    ALERT_WEBHOOK_URL) echo "nurse-call / pager webhook, http(s)://..." ;;
    ALERT_EMAIL_ADDRESSES) echo "ward team e-mail addresses, comma-separated" ;;
    OPS_ALERT_EMAIL_ADDRESSES) echo "platform on-call e-mail addresses, comma-separated" ;;
    SMTP_HOST) echo "mail relay host:port" ;;
    SMTP_FROM_ADDRESS) echo "sender address of alert e-mails" ;;
    SMTP_USER) echo "account at the mail relay, empty for none" ;;
  esac
}

is_required() {
  local required
  for required in "${REQUIRED_SETTINGS[@]}"; do
    [[ $required == "$1" ]] && return 0
  done
  return 1
}

# --demo: where alerts go when nothing else is set (the catchers of the profile demo).
declare -A DEMO_SETTING=(
  [ALERT_WEBHOOK_URL]=http://webhook-catcher:8080/grafana
  [ALERT_EMAIL_ADDRESSES]=ward@demo.invalid
  [OPS_ALERT_EMAIL_ADDRESSES]=ops@demo.invalid
  [SMTP_HOST]=mail-catcher:1025
  [SMTP_FROM_ADDRESS]=vitals@demo.invalid
)

# is_demo_value VALUE: alert routing that only reaches the demo catchers.
is_demo_value() {
  [[ $1 == *webhook-catcher* || $1 == *mail-catcher* || $1 == *demo.invalid* ]]
}

declare -A SETTING=()
dropped=()
for key in "${SETTINGS[@]}"; do
  # Precedence: init.sh's environment (an explicit change), then `.env`, then a prompt.
  value=${!key:-}
  if [[ -z $value ]]; then
    value=${CURRENT[$key]:-}
  fi
  if [[ $demo == false ]] && is_demo_value "$value"; then
    dropped+=("$key")
    value=
  fi
  if [[ $demo == true && -z $value ]]; then
    value=${DEMO_SETTING[$key]:-}
  fi
  if [[ -z $value && -t 0 ]] && { is_required "$key" || [[ -z ${CURRENT[$key]+set} ]]; }; then
    read -r -p "$key ($(setting_hint "$key")): " value
  fi
  valid_setting "$key" "$value" || die "$key='$value' is malformed ($(setting_hint "$key")); fix it in .env or the environment"
  SETTING[$key]=$value
done

generated=0
replaced=()
profiles_removed=false
tmp=$(mktemp "$ROOT_DIR/.env.XXXXXX")
trap 'rm -f "$tmp"' EXIT
{
  echo "# Generated by deploy/init.sh from .env.example."
  echo "# Secrets: keep this file (mode 600) and its backups private."
  while IFS= read -r line || [[ -n $line ]]; do
    if [[ $line =~ ^([A-Za-z_][A-Za-z0-9_]*)=(.*)$ ]]; then
      key=${BASH_REMATCH[1]}
      value=${BASH_REMATCH[2]}
      if [[ -n ${SETTING[$key]+set} ]]; then
        value=${SETTING[$key]}
      elif [[ $key =~ $SECRET_KEY ]]; then
        if usable_secret "$key" "${CURRENT[$key]:-}"; then
          value=${CURRENT[$key]}
        else
          [[ -n ${CURRENT[$key]:-} ]] && replaced+=("$key")
          value=$(new_secret)
          generated=$((generated + 1))
        fi
      elif [[ $key == VITALS_INITIALIZED ]]; then
        # Written before the secret files (below): compose refuses to start without
        # them either way (a missing secret file), this only names the fix.
        value=yes
      elif [[ $key == COMPOSE_PROFILES ]]; then
        value=$(profiles "${CURRENT[$key]-$value}")
        if [[ $demo == false && ,${CURRENT[$key]:-}, =~ ,(simulation|demo), ]]; then
          profiles_removed=true
        fi
      elif [[ -n ${CURRENT[$key]+set} ]]; then
        value=${CURRENT[$key]}
      fi
      if [[ $key == NUC_HOSTNAME && -n $hostname_arg ]]; then
        value=$hostname_arg
      fi
      echo "$key=$value"
      unset "CURRENT[$key]"
    elif [[ $line != "# Generated by deploy/init.sh"* && $line != "# Secrets: keep this file"* ]]; then
      echo "$line"
    fi
  done <"$EXAMPLE"
  # Variables an operator added to .env that the template does not know: keep them.
  if [[ ${#CURRENT[@]} -gt 0 ]]; then
    echo
    echo "# Kept from the previous .env (not in .env.example)"
    for key in "${!CURRENT[@]}"; do
      echo "$key=${CURRENT[$key]}"
    done
  fi
} >"$tmp"
chmod 600 "$tmp"
mv "$tmp" "$ENV_FILE"
trap - EXIT
echo "init.sh: $ENV_FILE written ($generated new secret(s))"
if [[ ${#replaced[@]} -gt 0 ]]; then
  echo "init.sh: WARNING: ${replaced[*]} in .env held a placeholder or well-known default and got a new random value." >&2
  echo "init.sh:          If the stack was ever started with the old value, InfluxDB, Grafana and EMQX keep it" >&2
  echo "init.sh:          from their first boot: follow docs/security.md, \"A placeholder reached a container\"." >&2
fi
if [[ ${#dropped[@]} -gt 0 ]]; then
  echo "init.sh: ${dropped[*]}: the demo's catchers dropped from the alert routing (a ward NUC needs the hospital's)." >&2
fi
if [[ $profiles_removed == true ]]; then
  echo "init.sh: the profiles simulation and demo are off now (ward NUC). Remove their running containers:" >&2
  echo "init.sh:   docker compose rm --stop --force publisher mail-catcher webhook-catcher" >&2
fi
if [[ $demo == true ]]; then
  echo "init.sh: DEMO box: simulated patients and alert catchers (COMPOSE_PROFILES=simulation,demo)." >&2
  echo "init.sh: never connect real devices or use it on a ward; rerun without --demo to turn both off." >&2
fi

env_value() {
  local line
  line=$(grep -E "^$1=" "$ENV_FILE" | tail -n 1 || true)
  printf '%s' "${line#*=}"
}

# --- 2. TLS ----------------------------------------------------------------------
mkdir -p "$SECRETS_DIR"
chmod 700 "$SECRETS_DIR"
TLS_DIR=$SECRETS_DIR/tls
# shellcheck source=lib/tls.sh
source "$DEPLOY_DIR/lib/tls.sh"
tls_ca
tls_server "$(env_value NUC_HOSTNAME)" "$(env_value TLS_EXTRA_SANS)"

# --- 3. MQTT accounts and the EMQX API key --------------------------------------------
"$DEPLOY_DIR/devices.sh" --env "$ENV_FILE" --secrets "$SECRETS_DIR"
mkdir -p "$SECRETS_DIR/emqx"
printf 'vitals-ops:%s:administrator\n' "$(env_value EMQX_API_SECRET)" >"$SECRETS_DIR/emqx/api-keys.txt"
# Read by EMQX (uid 1000) through a bind mount; the secrets directory is mode 700.
chmod 644 "$SECRETS_DIR/emqx/api-keys.txt"

# --- 3b. Secrets as files (Docker secrets of the containers, docs/security.md) ------
# One file per secret of .env, rewritten from .env on every run (a secret rotated in
# .env reaches the file). Mode 644 inside the mode-700 secrets directory: the
# containers read them as their own users (Grafana 472, the services 10001).
mkdir -p "$SECRETS_DIR/env"
while IFS= read -r line || [[ -n $line ]]; do
  [[ $line =~ ^([A-Za-z_][A-Za-z0-9_]*)=(.*)$ ]] || continue
  key=${BASH_REMATCH[1]}
  value=${BASH_REMATCH[2]}
  if [[ $key =~ $SECRET_KEY ]]; then
    printf '%s' "$value" >"$SECRETS_DIR/env/$key.tmp"
    chmod 644 "$SECRETS_DIR/env/$key.tmp"
    mv "$SECRETS_DIR/env/$key.tmp" "$SECRETS_DIR/env/$key"
  fi
done <"$ENV_FILE"

# --- 4. SMTP password (Docker secret of the grafana service) -------------------------
# Mode 644 like the server key: Grafana (uid 472) reads it through a bind mount; the
# secrets directory (mode 700) keeps other host users out. An empty file means no login.
mkdir -p "$SECRETS_DIR/grafana"
smtp_file=$SECRETS_DIR/grafana/smtp-password
smtp_user=${SETTING[SMTP_USER]}
if [[ -n ${SMTP_PASSWORD:-} ]]; then
  printf '%s' "$SMTP_PASSWORD" >"$smtp_file.tmp"
  mv "$smtp_file.tmp" "$smtp_file"
  echo "init.sh: SMTP password written to $smtp_file"
elif [[ ! -f $smtp_file ]]; then
  smtp_password=
  if [[ -n $smtp_user && -t 0 ]]; then
    read -r -s -p "SMTP password of $smtp_user: " smtp_password
    echo >&2
  fi
  printf '%s' "$smtp_password" >"$smtp_file"
fi
chmod 644 "$smtp_file"
if [[ -n $smtp_user && ! -s $smtp_file ]]; then
  echo "init.sh: WARNING: SMTP_USER is set but $smtp_file is empty: alert e-mails will be refused by the relay." >&2
  echo "init.sh:          rerun with SMTP_PASSWORD in the environment (e.g. read -rs SMTP_PASSWORD; export SMTP_PASSWORD)." >&2
fi

# --- 4b. The ward station's OpenID Connect client secret (Docker secret of the ingest) --
# Issued by the hospital's provider, so never generated here: taken from the environment
# variable STATION_OIDC_CLIENT_SECRET when set, else the file is kept (empty at first: no
# single sign-on). Mode 644 in the mode-700 secrets directory (the ingest runs as 10001).
mkdir -p "$SECRETS_DIR/station"
oidc_file=$SECRETS_DIR/station/oidc-client-secret
if [[ -n ${STATION_OIDC_CLIENT_SECRET:-} ]]; then
  printf '%s' "$STATION_OIDC_CLIENT_SECRET" >"$oidc_file.tmp"
  mv "$oidc_file.tmp" "$oidc_file"
  echo "init.sh: OpenID Connect client secret written to $oidc_file"
elif [[ ! -f $oidc_file ]]; then
  : >"$oidc_file"
fi
chmod 644 "$oidc_file"
if [[ -n $(env_value STATION_OIDC_ISSUER) && ! -s $oidc_file ]]; then
  echo "init.sh: WARNING: STATION_OIDC_ISSUER is set but $oidc_file is empty: single sign-on will fail." >&2
  echo "init.sh:          rerun with STATION_OIDC_CLIENT_SECRET in the environment." >&2
fi

missing=()
for key in "${REQUIRED_SETTINGS[@]}"; do
  [[ -z ${SETTING[$key]} ]] && missing+=("$key")
done
if [[ ${#missing[@]} -gt 0 ]]; then
  echo "init.sh: ALERT ROUTING NOT SET: fill ${missing[*]} in $ENV_FILE" >&2
  echo "init.sh: (or rerun with them in the environment). docker compose refuses to start until then:" >&2
  echo "init.sh: without them no alert reaches a nurse or the on-call (docs/dashboards.md)." >&2
  echo "init.sh: done, except the alert routing."
else
  echo "init.sh: done. Next: docker compose up -d, then test each contact point in Grafana" \
    "(device passwords: $SECRETS_DIR/devices/passwords.csv)"
fi
