#!/usr/bin/env bash
# Schemathesis against the JSON API with a staff token (issue 24): one node on
# SQLite with the demo content, a user holding every staff role signs in through
# the web forms and issues itself an API token (/admin/tokens), then schemathesis
# generates requests for every operation of /api/v1/openapi.json — writes
# included — with `Authorization: Bearer`, and checks that no answer is a server
# error (5xx) and every answer matches the schema the document declares.
# Exit status: schemathesis's (0 only when both checks pass on every case).
#
# Needs: python3 with schemathesis (pinned in .ci/run), curl. GONGKAI: the binary
# (default: built with cargo, debug profile). MAX_EXAMPLES (per operation, default
# 50) and SEED (default 24) bound and fix the run: about 3-5 minutes on 2 cores.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
MAX_EXAMPLES="${MAX_EXAMPLES:-50}"
SEED="${SEED:-24}"
PORT="${PORT:-18190}"
command -v schemathesis >/dev/null || { echo "missing: schemathesis (pip install schemathesis)"; exit 2; }
if [ -z "${GONGKAI:-}" ]; then
  (cd "$ROOT" && cargo build -q -p gongkai --bin gongkai)
  GONGKAI="${CARGO_TARGET_DIR:-$ROOT/target}/debug/gongkai"
fi
[ -x "$GONGKAI" ] || { echo "missing: $GONGKAI"; exit 2; }

WORK="$(mktemp -d)"
PID=""
cleanup() {
  [ -n "$PID" ] && kill "$PID" 2>/dev/null || true
  if [ "${KEEP:-}" = 1 ]; then echo "kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

export GONGKAI__DATABASE__URL="sqlite://$WORK/data/gongkai.db"
export GONGKAI__STORAGE__DATA_DIR="$WORK/data"
export GONGKAI__JOBS__RUN_IN_SERVER=false
# Writes must reach the handlers, not the per-address limit of public forms.
export GONGKAI__SECURITY__PUBLIC_FORM_PER_MINUTE=1000000
export RUST_LOG="${RUST_LOG:-warn}"
BASE="http://127.0.0.1:$PORT"
echo "== gongkai serve --demo (SQLite) on $BASE"
"$GONGKAI" serve --demo --bind "127.0.0.1:$PORT" >"$WORK/serve.log" 2>&1 &
PID=$!
for _ in $(seq 1 600); do
  curl -fsS "$BASE/readyz" >/dev/null 2>&1 && break
  kill -0 "$PID" 2>/dev/null || { cat "$WORK/serve.log"; exit 1; }
  sleep 0.5
done

echo "== a staff user with every role, its API token issued through /admin/tokens"
roles=()
for r in admin publisher reviewer foi_handler enforcer interact_handler; do roles+=(--role "$r"); done
PW="$("$GONGKAI" user add fuzz24 --name 接口测试 --unit 1 "${roles[@]}" | sed -n 's/.*初始密码：\([^　 ]*\).*/\1/p')"
[ -n "$PW" ] || { echo "user add failed"; exit 1; }
TOKEN="$(python3 "$ROOT/scripts/gk_staff.py" "$BASE" fuzz24 "$PW" "Fuzz-24-$$-gongkai" fuzz24)"
[ -n "$TOKEN" ] || { echo "no token"; exit 1; }

echo "== schemathesis $(schemathesis --version 2>/dev/null | tail -1): every operation, -n $MAX_EXAMPLES, seed $SEED"
set +e
# From the temporary folder: schemathesis keeps a .schemathesis/ folder in its working directory.
cd "$WORK"
schemathesis run "$BASE/api/v1/openapi.json" --url "$BASE" \
  -H "Authorization: Bearer $TOKEN" \
  --checks not_a_server_error,response_schema_conformance \
  --max-examples "$MAX_EXAMPLES" --seed "$SEED" --generation-database none \
  --request-timeout 30 --workers 2 --no-color --warnings off \
  --report junit --report-junit-path "$WORK/junit.xml"
rc=$?
set -e
# What the staff token's writes changed (audit entries of fuzz24 beyond the sign-in steps).
python3 - "$WORK/data/gongkai.db" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
rows = c.execute("SELECT action, COUNT(*) FROM audit_log WHERE actor_id = (SELECT id FROM users WHERE username = 'fuzz24') AND action NOT IN ('login', 'user.password_change', 'token.create') GROUP BY action").fetchall()
print("== staff writes accepted through the API (audit entries of fuzz24):", ", ".join(f"{a}×{n}" for a, n in rows) or "none")
PY
if [ "$rc" != 0 ]; then
  echo "== schemathesis failed (exit $rc); server log:"
  grep -E "ERROR|panick" "$WORK/serve.log" | tail -n 30 || true
fi
exit "$rc"
