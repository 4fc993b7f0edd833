# Sourced by demo.sh and e2e.sh: start the backend test host (tests/host) unless one answers on HOST:PORT.
# Needs PY (the venv's python), HOST, PORT; sets BACKEND_PID when it started one (stopped by stop_backend).
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BACKEND_PID=""

backend_up() {
    curl -s -o /dev/null -X POST -H 'Content-Type: application/json' \
        -d '{"query":"{ moduleConfigurations { module } }"}' "http://$HOST:$PORT/api/graphql"
}

start_backend() {  # $1: the SQLite file (DB_NAME), empty for the demo's
    (cd "$ROOT/tests" && env ${1:+DB_NAME="$1"} "$PY" manage.py migrate --run-syncdb --noinput >/dev/null \
        && env ${1:+DB_NAME="$1"} "$PY" manage.py demo_setup >/dev/null \
        && env ${1:+DB_NAME="$1"} "$PY" manage.py frontend_setup)
    mkdir -p "$ROOT/frontend/screenshots"
    (cd "$ROOT/tests" && exec env ${1:+DB_NAME="$1"} "$PY" manage.py runserver --noreload --insecure "$HOST:$PORT") \
        >>"$ROOT/frontend/screenshots/backend.log" 2>&1 &
    BACKEND_PID=$!
    for _ in $(seq 1 60); do backend_up && return 0; sleep 1; done
    echo "the backend did not start on $HOST:$PORT" >&2
    return 1
}

stop_backend() {
    if [ -n "$BACKEND_PID" ]; then kill "$BACKEND_PID" 2>/dev/null || true; wait "$BACKEND_PID" 2>/dev/null || true; fi
}
