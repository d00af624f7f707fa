#!/bin/sh
# Creates broker accounts for the kiosk job protocol in Mosquitto's dynamic-security plugin
# (docs/mosquitto/mosquitto.conf). Unlike an acl_file, these roles are checked on SUBSCRIBE too: the
# broker's default is "subscribe: deny", so a device can subscribe to its own result topic and nothing
# else — in particular not to $share/summarizers/…, which would let it swallow other kiosks' requests.
#
#   accounts.sh device ID          a kiosk: publishes kiosk/v1/ID/req, subscribes to kiosk/v1/ID/res only
#   accounts.sh summarizer NAME    a worker: the shared subscription to every request, publishes results
#
# The new account's password is read from $ACCOUNT_PASSWORD, else mosquitto_ctrl prompts for it.
# Connection to the broker: $MOSQUITTO_CTRL_ARGS (default "-h 127.0.0.1 -p 1883 -u admin"; put -P or
# the admin password in ~/.config/mosquitto_ctrl rather than on a command line others can read).
set -eu

usage() {
  echo "usage: $0 device ID | summarizer NAME" >&2
  exit 2
}
[ $# -eq 2 ] || usage
kind=$1
name=$2
case "$name" in
  *[!A-Za-z0-9_-]* | '') echo "$0: '$name' must be 1-64 of [A-Za-z0-9_-] (it becomes a topic level)" >&2; exit 2 ;;
esac

ctrl() {
  # shellcheck disable=SC2086 # the connection arguments are a list on purpose
  out=$(mosquitto_ctrl ${MOSQUITTO_CTRL_ARGS:--h 127.0.0.1 -p 1883 -u admin} dynsec "$@" 2>&1) && rc=0 || rc=$?
  out=$(printf '%s\n' "$out" | grep -v -e 'without encryption' -e 'visible on the network' -e '^$' || true)
  # Re-running for an existing account is fine; anything else stops the script (never echo "$@": it may hold a password).
  if [ "$rc" -ne 0 ] && ! printf '%s' "$out" | grep -q 'already exists'; then
    echo "$0: mosquitto_ctrl $1 $2 failed: $out" >&2
    exit 1
  fi
  [ -z "$out" ] || printf '%s\n' "$out"
}

# createRole / createClient on a name that exists only say so; the ACL lines are idempotent.
create_client() {
  if [ -n "${ACCOUNT_PASSWORD:-}" ]; then ctrl createClient "$1" -p "$ACCOUNT_PASSWORD"; else ctrl createClient "$1"; fi
}

case "$kind" in
  device)
    role="kiosk-device-$name"
    ctrl createRole "$role"
    ctrl addRoleACL "$role" publishClientSend "kiosk/v1/$name/req" allow
    ctrl addRoleACL "$role" subscribeLiteral "kiosk/v1/$name/res" allow
    create_client "$name"
    ctrl addClientRole "$name" "$role"
    ;;
  summarizer)
    ctrl createRole summarizer
    ctrl addRoleACL summarizer subscribePattern '$share/summarizers/kiosk/v1/+/req' allow
    ctrl addRoleACL summarizer publishClientSend 'kiosk/v1/+/res' allow
    create_client "$name"
    ctrl addClientRole "$name" summarizer
    ;;
  *) usage ;;
esac
