#!/bin/sh
# Installs S2's TypeScript SDK into ./node_modules from the committed package-lock.json (npm ci), for the interop
# tests. Skipped when npm is absent (the tests then skip themselves, saying so), and when node_modules already
# holds exactly this lockfile's packages (a stamp written after a successful install).
set -eu
cd "$(dirname "$0")"
if ! command -v npm >/dev/null 2>&1; then
  echo "interop: npm not found on PATH: S2's TypeScript SDK is not installed and the interop tests will be skipped"
  exit 0
fi
if [ -f node_modules/.installed-package-lock.json ] && cmp -s package-lock.json node_modules/.installed-package-lock.json; then
  exit 0
fi
npm ci --no-audit --no-fund --loglevel=error --prefer-offline >/dev/null
cp package-lock.json node_modules/.installed-package-lock.json
