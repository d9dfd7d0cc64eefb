#!/usr/bin/env bash
# Runs LiveRelay locally with no cloud account: the standalone host with in-memory queues and the Live API emulator
# in-process. Then, in another terminal: ./samples/send-sample-webhook.sh
set -euo pipefail
cd "$(dirname "$0")"
exec dotnet run --project src/LiveRelay.Standalone --configuration Release -- --demo "$@"
