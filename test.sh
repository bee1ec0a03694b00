#!/usr/bin/env bash
# Runs every test suite of Tellerrand: unit, integration on SQLite and PostgreSQL, and browser.
# Installs what the tests need when it is missing (Debian chromium, postgresql), starts a
# throwaway PostgreSQL on loopback, prints each runner's summary and a total line, and exits
# non-zero on any failure. CI (.ci/run) calls exactly this script.
set -uo pipefail
cd "$(dirname "$0")"
root=$(pwd)

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# --- 1. Debian packages the tests use --------------------------------------------------------
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
compgen -G "/usr/lib/postgresql/*/bin/initdb" > /dev/null || missing+=(postgresql)
[ -x /usr/bin/pdftotext ] && [ -x /usr/bin/pdftoppm ] || missing+=(poppler-utils)
if [ ${#missing[@]} -gt 0 ]; then
  echo "test.sh: installing ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" > /dev/null
fi

# --- 2. A throwaway PostgreSQL on loopback ---------------------------------------------------
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
pgport=${TELLERRAND_TEST_PGPORT:-55432}
while (exec 3<>"/dev/tcp/127.0.0.1/$pgport") 2>/dev/null; do pgport=$((pgport + 1)); done
pgdata=$(mktemp -d /tmp/tellerrand-pg.XXXXXX)
if [ "$(id -u)" -eq 0 ]; then
  chown postgres "$pgdata"
  pg() { runuser -u postgres -- "$@"; }
else
  pg() { "$@"; }
fi
stop_postgres() {
  pg "$pgbin/pg_ctl" -D "$pgdata" -m immediate stop > /dev/null 2>&1
  rm -rf "$pgdata"
}
trap stop_postgres EXIT
pg "$pgbin/initdb" -D "$pgdata" -A trust -U postgres --no-sync -E UTF8 > /dev/null || { echo "test.sh: initdb failed"; exit 1; }
pg "$pgbin/pg_ctl" -D "$pgdata" -l "$pgdata/server.log" -w \
   -o "-c listen_addresses=127.0.0.1 -p $pgport -k $pgdata -c fsync=off -c max_connections=300" start > /dev/null \
   || { echo "test.sh: PostgreSQL did not start"; cat "$pgdata/server.log"; exit 1; }
export TELLERRAND_TEST_POSTGRES="Host=127.0.0.1;Port=$pgport;Username=postgres;Database=postgres"
echo "test.sh: PostgreSQL on 127.0.0.1:$pgport"

# --- 3. Build once, then every test project ---------------------------------------------------
dotnet tool restore > /dev/null
dotnet build Tellerrand.slnx -nologo -v:q -clp:ErrorsOnly || { echo "0 passed, 1 failed"; exit 1; }

log=$(mktemp /tmp/tellerrand-test.XXXXXX)
dotnet test Tellerrand.slnx --no-build -nologo -v:q --logger "console;verbosity=minimal" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
# The browser client's own tests (vitest); its node_modules were installed by the build (BuildClient target).
(cd src/Tellerrand.Web/Client && NO_COLOR=1 npx vitest run) 2>&1 | tee -a "$log"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1

# --- 4. One total line, in the form CI reads -------------------------------------------------
read -r passed failed skipped < <(awk '
  /(Passed|Failed)! +- +Failed:/ {
    gsub(",", ""); for (i = 1; i <= NF; i++) {
      if ($i == "Failed:") f += $(i + 1); if ($i == "Passed:") p += $(i + 1); if ($i == "Skipped:") s += $(i + 1)
    }
  }
  /^ *Tests +[0-9]/ {
    for (i = 2; i <= NF; i++) {
      if ($i ~ /^passed/) p += $(i - 1); if ($i ~ /^failed/) f += $(i - 1); if ($i ~ /^skipped/) s += $(i - 1)
    }
  }
  END { printf "%d %d %d\n", p, f, s }' "$log")
rm -f "$log"
echo
echo "Total: $passed passed, $failed failed, $skipped skipped"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
  exit 1
fi
