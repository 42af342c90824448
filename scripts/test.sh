#!/usr/bin/env bash
# Type-check and run every test, on PGlite and on PostgreSQL.
# Uses $TEST_DATABASE_URL when set; otherwise starts the local PostgreSQL if it
# is down and creates a throw-away database for this run, dropped at exit.
# Without PostgreSQL a local run warns and tests on PGlite only; with CI=true it fails.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/ensure-node.sh
source scripts/ensure-node.sh
ensure_node_modules
echo "node $(node -v)"

# The sandbox's browser tests drive Debian's chromium (playwright-core bundles no browser);
# the fonts let their screenshots show Chinese text and emoji instead of empty boxes.
CHROMIUM=/usr/bin/chromium
BROWSER_FONTS=(fonts-wqy-microhei fonts-noto-color-emoji)
ensure_chromium() {
  local missing=()
  [ -x "$CHROMIUM" ] || missing+=(chromium)
  if command -v dpkg >/dev/null 2>&1; then
    for pkg in "${BROWSER_FONTS[@]}"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  fi
  [ "${#missing[@]}" -eq 0 ] && return 0
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "WARNING: ${missing[*]} missing and no apt-get here; the browser tests need $CHROMIUM" >&2
    return 0
  fi
  echo "installing ${missing[*]} for the browser tests"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  # The package lists may be missing or stale on a fresh machine: update only when the install fails.
  $sudo apt-get install -y "${missing[@]}" || { $sudo apt-get update && $sudo apt-get install -y "${missing[@]}"; }
}
ensure_chromium

PG_HOST=127.0.0.1
PG_PORT=5432
psql_admin() { psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qAt "$@"; }

pg_up() { pg_isready -h "$PG_HOST" -p "$PG_PORT" -q 2>/dev/null; }

start_postgres() {
  command -v pg_lsclusters >/dev/null 2>&1 || return 0
  pg_up && return 0
  echo "PostgreSQL is down; starting it"
  pg_ctlcluster --skip-systemctl-redirect "$(pg_lsclusters -h | awk 'NR==1{print $1}')" main start || true
  for _ in $(seq 1 30); do pg_up && return 0; sleep 1; done
}

ci_db=""
drop_ci_databases() {
  [ -n "$ci_db" ] || return 0
  # The run's database plus everything the tests derived from it (template, per-test copies).
  psql_admin <<SQL || echo "warning: could not drop the test databases ${ci_db}*" >&2
select format('drop database if exists %I with (force)', datname)
from pg_database where datname = '${ci_db}' or starts_with(datname, '${ci_db}_')
\gexec
SQL
}

if [ -z "${TEST_DATABASE_URL:-}" ]; then
  start_postgres
  if command -v psql >/dev/null 2>&1 && pg_up; then
    ci_db="vt_ci_$(date +%Y%m%d%H%M%S)_$$"
    trap drop_ci_databases EXIT
    psql_admin -c "create database ${ci_db}"
    export TEST_DATABASE_URL="postgres://postgres@${PG_HOST}:${PG_PORT}/${ci_db}"
    echo "PostgreSQL back end: database ${ci_db}"
  elif [ "${CI:-}" = "true" ]; then
    # Issue #8: the lock test and every PostgreSQL run must not silently drop out of CI.
    echo "ERROR: CI=true but PostgreSQL is not reachable on ${PG_HOST}:${PG_PORT} (or psql is missing);" \
      "the PostgreSQL back end is required in CI. Start it or set TEST_DATABASE_URL." >&2
    exit 1
  else
    echo "WARNING: PostgreSQL is not reachable on ${PG_HOST}:${PG_PORT}; testing on PGlite only" >&2
  fi
else
  echo "PostgreSQL back end: TEST_DATABASE_URL from the environment"
fi

npx tsc --noEmit -p .
npx vitest run
