#!/usr/bin/env python3
"""Salted password hashes for the MQTT brokers of the vital-signs platform.

Reads `user<TAB>password` lines on standard input (never from the command line, so
passwords do not show in `ps`) and writes one of:

  emqx       EMQX 5 built-in database bootstrap CSV (bootstrap_type = hash) for
             password_hash_algorithm {name = pbkdf2, mac_fun = sha256,
             iterations = ITERATIONS, dk_length = 32}: hex(PBKDF2-HMAC-SHA256(
             password, salt, ITERATIONS, 32)) where salt is the 32-character hex
             string itself (EMQX uses the stored salt text as the salt bytes).
  mosquitto  Mosquitto 2 password file: user:$7$ITERATIONS$base64(salt)$base64(
             PBKDF2-HMAC-SHA512(password, salt, ITERATIONS, 64)), 12-byte salt.

Usage: pwhash.py emqx|mosquitto ITERATIONS < users.tsv
"""
import base64
import hashlib
import os
import sys


def emqx_line(user, password, iterations):
    salt = os.urandom(16).hex()
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt.encode(), iterations, 32)
    return f"{user},{digest.hex()},{salt},false"


def mosquitto_line(user, password, iterations):
    salt = os.urandom(12)
    digest = hashlib.pbkdf2_hmac("sha512", password.encode(), salt, iterations, 64)
    b64 = lambda b: base64.b64encode(b).decode()
    return f"{user}:$7${iterations}${b64(salt)}${b64(digest)}"


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("emqx", "mosquitto"):
        sys.exit("usage: pwhash.py emqx|mosquitto ITERATIONS < users.tsv")
    mode, iterations = sys.argv[1], int(sys.argv[2])
    out = []
    if mode == "emqx":
        out.append("user_id,password_hash,salt,is_superuser")
    for raw in sys.stdin:
        line = raw.rstrip("\n")
        if not line:
            continue
        user, password = line.split("\t", 1)
        if not password:
            sys.exit(f"pwhash.py: empty password for {user}")
        out.append(emqx_line(user, password, iterations) if mode == "emqx"
                   else mosquitto_line(user, password, iterations))
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
