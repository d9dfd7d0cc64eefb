#!/usr/bin/env bash
# Posts a signed order-shipped webhook to the 'shop' source of a running LiveRelay demo (./run.sh), then waits until
# the Live API emulator has received the message THIS request produced, and shows it.
#
# Usage: ./samples/send-sample-webhook.sh [relay-url] [emulator-url]
#   The defaults are the demo's default ports; ./run.sh prints this command with the URLs it actually uses.
#   SAMPLE_WAIT_SECONDS (default 15): how long to wait for the message before giving up.
# Exit status: 0 once the message arrived; 1 if the webhook was not accepted (the HTTP status and the problem are
# printed), or its message did not arrive in time; 2 for bad usage.
set -euo pipefail
cd "$(dirname "$0")"

if [ $# -gt 2 ] || [ "${1:-}" = "-h" ] || [ "${1:-}" = "--help" ]; then
  sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi

relay=${1:-http://127.0.0.1:7071}
emulator=${2:-http://127.0.0.1:5081}
relay=${relay%/}
emulator=${emulator%/}
wait_seconds=${SAMPLE_WAIT_SECONDS:-15}
secret=demo-shop-secret   # the demo's development secret (src/LiveRelay.Standalone/Demo/demo.settings.json)

# A fresh event id and order number on every run: the message ids derive from the event id, so the message this run
# produces is told apart from any earlier one for the same customer (and the delivery ledger, which lets one call
# through per message id, does not suppress it as a replay).
run_id=$(openssl rand -hex 6)
event_id="evt_${run_id}"
body=$(tr -d '\n' < order-shipped.json \
  | sed -e "s/\"id\":\"evt_1001\"/\"id\":\"${event_id}\"/" -e "s/\"number\":\"A-1001\"/\"number\":\"A-${run_id}\"/")
signature=$(printf '%s' "$body" | openssl dgst -sha256 -hmac "$secret" -hex | sed 's/^.*= //')

answer=$(mktemp)
trap 'rm -f "$answer"' EXIT

echo "POST $relay/api/webhooks/shop (event $event_id)"
if ! status=$(curl -sS -o "$answer" -w '%{http_code}' -X POST "$relay/api/webhooks/shop" \
    -H 'Content-Type: application/json' \
    -H "X-Shop-Signature: sha256=$signature" \
    --data-binary "$body"); then
  echo "Could not reach LiveRelay at $relay: is ./run.sh running? (It prints the URLs to use.)" >&2
  exit 1
fi

if [ "${status:0:1}" != "2" ]; then
  echo "The webhook was not accepted: HTTP $status" >&2
  cat "$answer" >&2
  echo >&2
  exit 1
fi

cat "$answer"
echo
# The 202 answer lists the ids of the messages it queued; the emulator records a user message's MsgTid, which is its id.
message_id=$(grep -o '"messageIds":\["[0-9A-Za-z]*"' "$answer" | sed 's/.*\["//; s/"$//' || true)
if [ -z "$message_id" ]; then
  echo "The webhook was answered with HTTP $status but produced no message (see the answer above)." >&2
  exit 1
fi

echo "Waiting up to $wait_seconds s for message $message_id to reach the Live API (emulator)..."
deadline=$((SECONDS + wait_seconds))
while :; do
  if delivered=$(curl -sS "$emulator/_emulator/messages?msgTid=$message_id") && [ "$delivered" != "[]" ]; then
    echo "Delivered to the Live API (emulator) as:"
    echo "$delivered"
    exit 0
  fi
  if [ "$SECONDS" -ge "$deadline" ]; then
    break
  fi
  sleep 0.5
done
echo "Message $message_id was not delivered to the emulator at $emulator within $wait_seconds s; see the host's log." >&2
exit 1
