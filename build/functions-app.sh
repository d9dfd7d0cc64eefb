#!/usr/bin/env bash
# Builds the Azure Functions app; says so in one line, instead of failing, where a package source lacks the
# Azure Functions worker packages.
set -uo pipefail
cd "$(dirname "$0")/.."
project=src/LiveRelay.Functions/LiveRelay.Functions.csproj
[ -f "$project" ] || exit 0
out=$(dotnet restore "$project" 2>&1)
if [ $? -ne 0 ]; then
  if grep -q -E 'NU110[0-9]' <<<"$out"; then
    echo "==> LiveRelay.Functions: skipped, the Azure Functions worker packages do not restore from this package source"
    exit 0
  fi
  echo "$out"
  exit 1
fi
echo "==> Building LiveRelay.Functions"
dotnet build "$project" --no-restore --configuration Release
