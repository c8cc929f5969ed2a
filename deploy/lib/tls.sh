#!/usr/bin/env bash
# TLS material of the deployment, made with openssl (sourced by init.sh and
# devices.sh). Keys are EC P-256 (fast, supported by current device TLS stacks).
#   ca.crt / ca.key             deployment CA, 10 years (ca.key never leaves the NUC)
#   server.crt / server.key     EMQX / Mosquitto / Grafana, 825 days
#   devices/<id>.crt/.key/.p12  one client certificate per device (CN = device id = MQTT
#                               user name); .p12-password protects the .p12
#   ca.crl, ca-db/              revoked device certificates (tls_revoke, tls_crl)
# Existing files are never overwritten; delete a file to have it made again.

TLS_CA_DAYS=${TLS_CA_DAYS:-3650}
TLS_LEAF_DAYS=${TLS_LEAF_DAYS:-825}

tls_new_key() {
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null
  chmod 600 "$1"
}

# tls_sign DIR NAME SUBJECT EXTENSIONS: signs DIR/NAME.csr with the CA into NAME.crt.
tls_sign() {
  local dir=$1 name=$2 subject=$3 extensions=$4 ext
  ext=$(mktemp)
  printf '%s\n' "$extensions" >"$ext"
  openssl req -new -key "$dir/$name.key" -subj "$subject" -out "$dir/$name.csr" 2>/dev/null
  openssl x509 -req -in "$dir/$name.csr" -CA "$TLS_DIR/ca.crt" -CAkey "$TLS_DIR/ca.key" \
    -set_serial "0x$(openssl rand -hex 16)" -days "$TLS_LEAF_DAYS" -sha256 \
    -extfile "$ext" -out "$dir/$name.crt" 2>/dev/null
  rm -f "$ext" "$dir/$name.csr"
  chmod 644 "$dir/$name.crt"
}

# tls_ca: creates the CA in $TLS_DIR unless it exists.
tls_ca() {
  mkdir -p "$TLS_DIR"
  if [[ -s $TLS_DIR/ca.crt && -s $TLS_DIR/ca.key ]]; then
    return 0
  fi
  tls_new_key "$TLS_DIR/ca.key"
  openssl req -x509 -new -key "$TLS_DIR/ca.key" -sha256 -days "$TLS_CA_DAYS" \
    -subj "/O=Vitals NUC/CN=Vitals NUC CA $(date -u +%Y%m%d)" \
    -addext "basicConstraints=critical,CA:TRUE,pathlen:0" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -addext "subjectKeyIdentifier=hash" \
    -out "$TLS_DIR/ca.crt" 2>/dev/null
  chmod 644 "$TLS_DIR/ca.crt"
  echo "created CA $TLS_DIR/ca.crt"
}

# tls_server HOSTNAME EXTRA_SANS: creates the server certificate unless it exists.
tls_server() {
  local host=$1 extra=$2 sans
  if [[ -s $TLS_DIR/server.crt && -s $TLS_DIR/server.key ]]; then
    return 0
  fi
  sans="DNS:$host,DNS:localhost,DNS:emqx,DNS:emqx1.vitals,DNS:grafana,DNS:influxdb,IP:127.0.0.1"
  if [[ -n $extra ]]; then
    sans="$sans,$extra"
  fi
  tls_new_key "$TLS_DIR/server.key"
  tls_sign "$TLS_DIR" server "/O=Vitals NUC/CN=$host" "basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectAltName=$sans"
  # Read by the containers (EMQX uid 1000, Grafana uid 472) through a bind mount;
  # the secrets directory itself is mode 700, so no other host user reaches it.
  chmod 644 "$TLS_DIR/server.key"
  echo "created server certificate for $sans"
}

# tls_device ID: creates the client certificate of a device unless it exists, and its
# PKCS#12 bundle (key + certificate + CA) unless that exists. The bundle has a password
# of its own (devices/<id>.p12-password, random), never the device's MQTT password: the
# file that carries the key must not also carry the password that goes with it. A
# bundle made by an older version (protected by the MQTT password, no .p12-password
# file) is made again.
tls_device() {
  local id=$1 dir=$TLS_DIR/devices
  mkdir -p "$dir"
  if [[ ! -s $dir/$id.crt || ! -s $dir/$id.key ]]; then
    tls_new_key "$dir/$id.key"
    tls_sign "$dir" "$id" "/O=Vitals NUC/OU=devices/CN=$id" "basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=clientAuth"
    rm -f "$dir/$id.p12" "$dir/$id.p12-password"
  fi
  if [[ ! -s $dir/$id.p12 || ! -s $dir/$id.p12-password ]]; then
    printf '%s' "$(openssl rand -hex 16)" >"$dir/$id.p12-password"
    chmod 600 "$dir/$id.p12-password"
    openssl pkcs12 -export -name "$id" -inkey "$dir/$id.key" -in "$dir/$id.crt" \
      -certfile "$TLS_DIR/ca.crt" -passout "file:$dir/$id.p12-password" -out "$dir/$id.p12"
    chmod 600 "$dir/$id.p12"
  fi
}

# --- Revocation: a CA database (openssl ca) and the CRL ca.crl -------------------------
# $TLS_DIR/ca-db/index.txt lists the revoked certificates; ca.crl is signed by the CA
# and valid for TLS_CRL_DAYS (regenerated on every run of devices.sh, so it never
# expires on a NUC where devices.sh runs at least once in that time: an expired CRL
# makes Mosquitto refuse every device).
TLS_CRL_DAYS=${TLS_CRL_DAYS:-3650}

tls_ca_db() {
  local db=$TLS_DIR/ca-db
  mkdir -p "$db"
  [[ -f $db/index.txt ]] || : >"$db/index.txt"
  [[ -s $db/crlnumber ]] || echo 1000 >"$db/crlnumber"
  cat >"$db/openssl.cnf" <<CNF
[ ca ]
default_ca = vitals
[ vitals ]
database = $db/index.txt
crlnumber = $db/crlnumber
certificate = $TLS_DIR/ca.crt
private_key = $TLS_DIR/ca.key
default_md = sha256
default_crl_days = $TLS_CRL_DAYS
CNF
}

# tls_revoke ID: revokes the device's certificate (if it still has one) and removes its
# certificate, key and bundle; the revoked certificate is kept as
# devices/revoked/<id>-<serial>.crt.
tls_revoke() {
  local id=$1 dir=$TLS_DIR/devices serial
  [[ -s $dir/$id.crt ]] || return 0
  tls_ca_db
  serial=$(openssl x509 -in "$dir/$id.crt" -noout -serial | sed 's/^serial=//')
  if ! grep -q "	$serial	" "$TLS_DIR/ca-db/index.txt"; then
    openssl ca -config "$TLS_DIR/ca-db/openssl.cnf" -revoke "$dir/$id.crt" -crl_reason cessationOfOperation 2>/dev/null
  fi
  mkdir -p "$dir/revoked"
  mv "$dir/$id.crt" "$dir/revoked/$id-$serial.crt"
  rm -f "$dir/$id.key" "$dir/$id.p12" "$dir/$id.p12-password"
  echo "revoked the certificate of $id (serial $serial)"
}

# tls_crl: writes $TLS_DIR/ca.crl (all revoked certificates; empty list if none).
tls_crl() {
  tls_ca_db
  openssl ca -config "$TLS_DIR/ca-db/openssl.cnf" -gencrl -out "$TLS_DIR/ca.crl.tmp" 2>/dev/null
  # Read by the brokers (Mosquitto's group, EMQX uid 1000) like ca.crt: public.
  chmod 644 "$TLS_DIR/ca.crl.tmp"
  mv "$TLS_DIR/ca.crl.tmp" "$TLS_DIR/ca.crl"
}
