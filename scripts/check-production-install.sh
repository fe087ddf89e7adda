#!/usr/bin/env bash
# A production install of this commit from a clean clone, as docs/operators.md documents it: production dependencies
# only (NODE_ENV=production npm ci), npm run build, npm start on the embedded PostgreSQL; then the seeded story
# over REST, the heap limit on the app process, and a clean stop on SIGTERM. Run by .ci/run.
set -euo pipefail
src="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/newsroom-production-XXXXXX")"
# As root the embedded PostgreSQL runs as another user, who must be able to enter the directory.
chmod 755 "$work"
# Whatever happens, nothing started here outlives the check.
cleanup() {
  pkill -TERM -f "$work/app/" 2>/dev/null || true
  sleep 2
  pkill -KILL -f "$work/app/" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
git clone -q "$src" "$work/app"
cd "$work/app"
unset DATABASE_URL DATABASE_HOST
export NODE_ENV=production HOST=127.0.0.1

echo "-- NODE_ENV=production npm ci"
npm ci --no-audit --no-fund --loglevel=error
if [ -d node_modules/typescript-eslint ] || [ -d node_modules/jest ]; then
  echo "FAILED: development dependencies were installed" >&2
  exit 1
fi
echo "-- npm run build"
npm run build > "$work/build.log" 2>&1 || { tail -40 "$work/build.log" >&2; exit 1; }

echo "-- npm start"
port="$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
PORT="$port" npm start > "$work/start.log" 2>&1 &
started=$!
answer() {
  node -e "fetch(process.argv[1]).then(async(r)=>{if(!r.ok)process.exit(1);process.stdout.write(await r.text())},()=>process.exit(1))" "$1"
}
for _ in $(seq 1 120); do answer "http://127.0.0.1:$port/_health" >/dev/null 2>&1 && break; sleep 1; done
if ! answer "http://127.0.0.1:$port/api/press-releases?locale=ru" | grep -q 'Баку и Найроби будут бороться против преступности'; then
  echo "FAILED: the production server did not answer the seeded story" >&2
  tail -40 "$work/start.log" >&2
  exit 1
fi
app_pid="$(pgrep -f "$work/app/node_modules/.bin/strapi start" | head -n 1 || true)"
if [ -z "$app_pid" ] || ! tr '\0' '\n' < "/proc/$app_pid/environ" | grep -q '^NODE_OPTIONS=.*--max-old-space-size='; then
  echo "FAILED: the app process runs without its heap limit (HEAP_LIMIT_MB)" >&2
  exit 1
fi
# SIGTERM to npm, as a process manager sends it; npm passes it on to the command it runs.
kill -TERM "$started"
for _ in $(seq 1 60); do pgrep -f "$work/app/" >/dev/null || break; sleep 1; done
if pgrep -f "$work/app/" >/dev/null; then
  echo "FAILED: npm start did not stop within a minute of SIGTERM" >&2
  exit 1
fi
grep -q 'Embedded PostgreSQL stopped' "$work/start.log" || { echo "FAILED: no clean stop" >&2; tail -20 "$work/start.log" >&2; exit 1; }
echo "production install: installed without development dependencies, built, served the seeded story, stopped cleanly"
