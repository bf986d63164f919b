#!/usr/bin/env bash
# Runs every test, the browser suite included, on a fresh Debian or Ubuntu machine: installs what
# the tests need when it is missing (Debian's chromium for the browser tests, a Java runtime for
# the Nu HTML Checker, python3-jsonschema for the feed test, poppler-utils to read the printed
# pack's PDF; root or sudo needed only then), runs
# `npm ci` for playwright-core, axe-core and the checker, then `cargo test` with the browser tests
# required (so they cannot be skipped quietly). Extra arguments go to cargo test.
set -euo pipefail
cd "$(dirname "$0")"
need=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || need+=(chromium)
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
python3 -c 'import jsonschema' >/dev/null 2>&1 || need+=(python3-jsonschema)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
command -v node >/dev/null 2>&1 || need+=(nodejs npm)
if [ ${#need[@]} -gt 0 ]; then
  echo "test.sh: installing ${need[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi
npm ci --no-audit --no-fund --loglevel=error
SENPACK_BROWSER_TESTS=required cargo test "$@"
