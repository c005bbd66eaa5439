#!/usr/bin/env bash
# Runs every test of SociaalDomein: domain unit tests, integration tests against a real PostgreSQL, bUnit component
# tests and end-to-end tests in headless Chromium. What the tests need from the machine (PostgreSQL server binaries,
# Chromium) is installed from Debian's packages when missing and this runs as root.
set -euo pipefail
cd "$(dirname "$0")"

missing=()
command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || [ -n "${PG_BIN:-}" ] || missing+=(postgresql)
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || missing+=(chromium)
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-calc-nogui) # the quarterly workbook is opened by LibreOffice
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "Installeren voor de tests: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "Nodig voor de tests: ${missing[*]}. Installeer met: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi

rm -rf TestResults
exec dotnet test SociaalDomein.sln --logger "trx;LogFilePrefix=tests" --results-directory TestResults "$@"
