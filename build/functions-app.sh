#!/usr/bin/env bash
# Builds the Azure Functions app, as CI must: the parity tests run this build output in its real worker process
# through the Functions host stand-in (tests/LiveRelay.FunctionsHost). A failed build fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "==> Building LiveRelay.Functions"
dotnet build src/LiveRelay.Functions/LiveRelay.Functions.csproj --configuration Release --nologo --verbosity quiet
