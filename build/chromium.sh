#!/usr/bin/env bash
# Makes sure Debian's chromium is there for the browser tests (tests/LiveRelay.Browser.Tests): Playwright drives it,
# because Playwright's own browser download cannot work here. Installs the package when it is missing and this runs
# as root with apt-get; otherwise fails saying what to do. Does nothing when chromium is already installed.
set -euo pipefail

chromium="${LIVERELAY_CHROMIUM:-/usr/bin/chromium}"
if [ -x "$chromium" ]; then
  echo "==> Chromium for the browser tests: $chromium"
  exit 0
fi

if [ -n "${LIVERELAY_CHROMIUM:-}" ]; then
  echo "error: LIVERELAY_CHROMIUM is set to '$chromium', which is not an executable." >&2
  exit 1
fi

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "==> Installing Debian's chromium for the browser tests (apt-get install chromium)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends chromium >/dev/null
  [ -x "$chromium" ] || { echo "error: apt-get installed chromium but $chromium is missing." >&2; exit 1; }
  exit 0
fi

echo "error: the browser tests need chromium at $chromium. Install Debian's package as root" >&2
echo "       (apt-get install chromium), or set LIVERELAY_CHROMIUM to a chromium executable." >&2
exit 1
