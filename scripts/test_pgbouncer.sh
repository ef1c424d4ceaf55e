#!/usr/bin/env bash
# Re-run the tests marked `pgbouncer` (tests/conftest.py: PGBOUNCER_MODULES, a subset covering
# every app and the audit chain's advisory locks) through a private PgBouncer in transaction
# mode in front of the PostgreSQL that DATABASE_URL names, with DISABLE_SERVER_SIDE_CURSORS.
# PgBouncer listens on a free loopback port and lives in a temporary directory; it is stopped
# and the test database dropped at the end. Under CI=true a missing pgbouncer fails.
# Usage: scripts/test_pgbouncer.sh [pytest arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
PYTEST=${PYTEST:-.venv/bin/pytest}
PGBOUNCER=${PGBOUNCER:-$(command -v pgbouncer || echo /usr/sbin/pgbouncer)}
if [ ! -x "$PGBOUNCER" ]; then
  if [ "${CI:-}" = "true" ]; then echo "test-pgbouncer: pgbouncer is required under CI=true" >&2; exit 1; fi
  echo "test-pgbouncer: pgbouncer is not installed (apt-get install pgbouncer); skipped"; exit 0
fi
: "${DATABASE_URL:?set DATABASE_URL to the PostgreSQL to put PgBouncer in front of}"

# host, port, user and database name of DATABASE_URL
read -r PGHOST_ PGPORT_ PGUSER_ PGDB_ < <("$PY" - <<'EOF'
import os
from urllib.parse import urlsplit
u = urlsplit(os.environ["DATABASE_URL"])
print(u.hostname or "127.0.0.1", u.port or 5432, u.username or "postgres", u.path.lstrip("/") or "portal")
EOF
)
PORT=$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
DIR=$(mktemp -d /tmp/portal-pgbouncer-XXXXXX)
AS_USER=()
if [ "$(id -u)" = "0" ]; then  # pgbouncer refuses to run as root
  AS_USER=(runuser -u postgres --)
  chown postgres "$DIR"
fi
cat >"$DIR/pgbouncer.ini" <<EOF
[databases]
* = host=$PGHOST_ port=$PGPORT_ user=$PGUSER_
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $PORT
unix_socket_dir =
auth_type = any
pool_mode = transaction
max_client_conn = 200
default_pool_size = 20
ignore_startup_parameters = extra_float_digits,options
logfile = $DIR/pgbouncer.log
pidfile = $DIR/pgbouncer.pid
EOF
TEST_DB="test_${PGDB_}_pgbouncer"
cleanup() {
  if [ -f "$DIR/pgbouncer.pid" ]; then kill "$(cat "$DIR/pgbouncer.pid")" 2>/dev/null || true; fi
  sleep 0.5
  psql -h "$PGHOST_" -p "$PGPORT_" -U "$PGUSER_" -d postgres -qc "DROP DATABASE IF EXISTS \"$TEST_DB\" WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$DIR"
}
trap cleanup EXIT
"${AS_USER[@]}" "$PGBOUNCER" -d "$DIR/pgbouncer.ini"
for _ in $(seq 50); do pg_isready -q -h 127.0.0.1 -p "$PORT" && break; sleep 0.1; done

export DATABASE_URL="postgres://$PGUSER_@127.0.0.1:$PORT/${PGDB_}_pgbouncer"
export DISABLE_SERVER_SIDE_CURSORS=true
export CONN_MAX_AGE=0
export PORTAL_BEHIND_PGBOUNCER="$PGPORT_"  # the server's own port, checked by tests/core/test_pgbouncer.py
# --reuse-db keeps pytest-django from dropping the test database through PgBouncer (its pooled
# server connections would block DROP DATABASE); cleanup() drops it directly instead.
"$PYTEST" -p no:cacheprovider -m pgbouncer --create-db --reuse-db "$@"
