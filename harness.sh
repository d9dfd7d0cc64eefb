#!/usr/bin/env bash
# Runs LiveRelay's full load, cost, fan-out, fault-soak and hostile-input harness and prints the report folder.
# The fleet pacing run (several host processes sharing one account's limits) and the cold-start run run only when named:
# ./harness.sh fleet, ./harness.sh coldstart (docs/performance.md for the cost and cold-start runs).
# Needs the .NET 10 SDK and Node.js 20+ (for Azurite); installs the Node.js tools itself on a fresh machine.
# Arguments go to the harness: e.g. ./harness.sh load soak, ./harness.sh cost --repeats 3, ./harness.sh fleet --short,
# ./harness.sh --out /tmp/report (see --help).
set -euo pipefail
cd "$(dirname "$0")"

if [ ! -x tests/node/node_modules/.bin/azurite-queue ]; then
  echo "==> Installing test tools (npm ci in tests/node: Azurite and the webhook libraries)"
  npm ci --prefix tests/node --no-audit --no-fund --loglevel=error
fi

echo "==> Building the harness and the standalone host (Release)"
dotnet build tests/LiveRelay.Harness --configuration Release --nologo --verbosity quiet

echo "==> Running (about 10 to 15 minutes for everything on a 2-core machine; the fleet run about 17, with --short about 5)"
exec dotnet tests/LiveRelay.Harness/bin/Release/net10.0/LiveRelay.Harness.dll "$@"
