#!/usr/bin/env bash
# The browser test: a fresh backend test host on its own SQLite file (the demo's data plus frontend_setup's users),
# the frontend host in front of it, and headless Chromium driving them. Everything started here is stopped here.
set -euo pipefail
source "$(dirname "$0")/backend.sh"
DB="$ROOT/frontend-test.sqlite3"
FRONT_PID=""
cleanup() {
    if [ -n "$FRONT_PID" ]; then kill "$FRONT_PID" 2>/dev/null || true; fi
    stop_backend
    rm -f "$DB"
}
trap cleanup EXIT
trap "exit 130" INT TERM
if backend_up; then
    echo "Something already answers on http://$HOST:$PORT: set PORT to a free port for the test's own backend" >&2
    exit 1
fi
rm -f "$DB"
start_backend "$DB"
cd "$ROOT/frontend"
FRONT_HOST=127.0.0.1 FRONT_PORT="$FRONT_PORT" BACKEND_URL="http://$HOST:$PORT" node host/server.mjs &
FRONT_PID=$!
for _ in $(seq 1 30); do curl -s -o /dev/null "http://127.0.0.1:$FRONT_PORT/front/" && break; sleep 0.5; done
FRONT_URL="http://127.0.0.1:$FRONT_PORT/front" node --test --test-concurrency=1 tests/browser/run.mjs
