#!/usr/bin/env bash
# Runs LiveRelay locally with no cloud account: the standalone host with in-memory queues and the Live API emulator
# in-process. It prints the URLs it listens on (free ports if 7071 or 5081 are taken) and the sample command to run
# in another terminal: ./samples/send-sample-webhook.sh <relay-url> <emulator-url>
set -euo pipefail
cd "$(dirname "$0")"
exec dotnet run --project src/LiveRelay.Standalone --configuration Release -- --demo "$@"
