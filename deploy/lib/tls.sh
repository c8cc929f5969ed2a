#!/usr/bin/env bash
# TLS material of the deployment, made with openssl (sourced by init.sh and
# devices.sh). Keys are EC P-256 (fast, supported by current device TLS stacks).
#   ca.crt / ca.key             deployment CA, 10 years (ca.key never leaves the NUC)
#   server.crt / server.key     EMQX / Mosquitto / Grafana, 825 days
#   devices/<id>.crt/.key/.p12  one client certificate per device (CN = device id)
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

# tls_device ID PASSWORD: creates the client certificate of a device unless it
# exists; the PKCS#12 bundle (key + certificate + CA) is protected by PASSWORD.
tls_device() {
  local id=$1 password=$2 dir=$TLS_DIR/devices
  mkdir -p "$dir"
  if [[ -s $dir/$id.crt && -s $dir/$id.key ]]; then
    return 0
  fi
  tls_new_key "$dir/$id.key"
  tls_sign "$dir" "$id" "/O=Vitals NUC/OU=devices/CN=$id" "basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=clientAuth"
  printf '%s' "$password" | openssl pkcs12 -export -name "$id" -inkey "$dir/$id.key" \
    -in "$dir/$id.crt" -certfile "$TLS_DIR/ca.crt" -passout stdin -out "$dir/$id.p12"
  chmod 600 "$dir/$id.p12"
}
