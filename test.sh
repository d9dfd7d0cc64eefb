#!/usr/bin/env bash
# Runs every LiveRelay test. Installs what the tests need first (the Node.js tools and Azurite in
# tests/node, and Debian's chromium for the browser tests when run as root), so it works on a fresh machine with the
# .NET 10 SDK and Node.js.
set -euo pipefail
cd "$(dirname "$0")"

echo "==> Installing test tools (npm ci in tests/node: official Alibaba Cloud SDK, webhook libraries, Azurite)"
npm ci --prefix tests/node --no-audit --no-fund --loglevel=error

./build/chromium.sh

# Playwright never downloads a browser: the browser tests launch Debian's chromium.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

./build/functions-app.sh

echo "==> Running tests"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test LiveRelay.slnf --configuration Release "$@" 2>&1 | tee "$log" || status=$?

# One plain summary line over every test assembly.
awk '/(Passed|Failed)! +- Failed: /{
       for (i = 1; i <= NF; i++) {
         if ($i == "Failed:") f += $(i + 1); if ($i == "Passed:") p += $(i + 1); if ($i == "Skipped:") s += $(i + 1)
       }
     }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' FS='[ ,]+' "$log"
exit $status
