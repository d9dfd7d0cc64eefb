#!/usr/bin/env bash
# Posts a signed order-shipped webhook to the 'shop' source of a running LiveRelay demo (./run.sh), then shows
# what the Live API emulator received. Usage: ./samples/send-sample-webhook.sh [relay-url] [emulator-url]
set -euo pipefail
cd "$(dirname "$0")"
relay=${1:-http://127.0.0.1:7071}
emulator=${2:-http://127.0.0.1:5081}
secret=demo-shop-secret   # the demo's development secret (src/LiveRelay.Standalone/Demo/demo.settings.json)

body=$(tr -d '\n' < order-shipped.json)
signature=$(printf '%s' "$body" | openssl dgst -sha256 -hmac "$secret" -hex | sed 's/^.*= //')

echo "POST $relay/api/webhooks/shop"
curl -sS -X POST "$relay/api/webhooks/shop" \
  -H 'Content-Type: application/json' \
  -H "X-Shop-Signature: sha256=$signature" \
  --data-binary "$body"
echo

echo "Waiting for delivery..."
for _ in $(seq 1 20); do
  delivered=$(curl -sS "$emulator/_emulator/messages?receiver=cust42")
  if [ "$delivered" != "[]" ]; then
    echo "Delivered to the Live API (emulator) as:"
    echo "$delivered"
    exit 0
  fi
  sleep 0.5
done
echo "Not delivered within 10 seconds; see the host's log." >&2
exit 1
