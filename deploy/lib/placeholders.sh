#!/usr/bin/env bash
# The placeholder check of the containers (deploy/docker/entrypoint.sh) for the host
# scripts (sourced): one rule for what is not a real secret, wherever a secret is used.

# refuse_placeholders NAME=VALUE...: returns 0 when no VALUE is a placeholder
# (__GENERATED__, <set-me>) or, for a secret NAME, a well-known default (changeme,
# password, admin, ...); otherwise prints which and returns 78. Empty values pass:
# callers that need a value check for it themselves.
refuse_placeholders() {
  env -i PATH="$PATH" VITALS_CHECKED_BY="$(basename "$0")" "$@" \
    sh "$(dirname "${BASH_SOURCE[0]}")/../docker/entrypoint.sh" true
}
