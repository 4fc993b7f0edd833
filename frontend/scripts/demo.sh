#!/usr/bin/env bash
# make demo-frontend: the openIMIS UI with the meeting module on http://127.0.0.1:FRONT_PORT/front, against the
# backend of `make demo` on HOST:PORT (started here, on the demo database, when nothing answers there).
set -euo pipefail
source "$(dirname "$0")/backend.sh"
trap stop_backend EXIT
trap "exit 130" INT TERM
if backend_up; then
    echo "Using the backend already running on http://$HOST:$PORT"
else
    start_backend ""
fi
cd "$ROOT/frontend"
FRONT_HOST=127.0.0.1 FRONT_PORT="$FRONT_PORT" BACKEND_URL="http://$HOST:$PORT" node host/server.mjs
