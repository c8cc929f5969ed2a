#!/bin/sh
# Entrypoint of the ingest-service and publisher-service images.
# For every secret variable NAME listed below, NAME_FILE=/path makes NAME the content
# of that file (Docker secrets, or the InfluxDB token the init script writes into a
# shared volume), so secrets need not be passed as plain environment values.
set -eu
for name in INFLUX_TOKEN INFLUX_PASSWORD MQTT_PASSWORD INGEST_ADMIN_PASSWORD PUBLISHER_API_PASSWORD; do
  eval "file=\${${name}_FILE:-}"
  if [ -n "$file" ]; then
    if [ ! -r "$file" ]; then
      echo "entrypoint: ${name}_FILE=$file is not readable" >&2
      exit 1
    fi
    value=$(cat "$file")
    export "$name=$value"
    unset "${name}_FILE"
  fi
done
exec "$@"
