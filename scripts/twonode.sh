#!/usr/bin/env bash
# Two nodes and a worker on PostgreSQL behind nginx, one node killed under load
# (issue 24). The deployment of the README's scale-out section, on loopback:
#
#   nginx :NG ──┬─ gongkai serve (node A, search_dir a/)   jobs.run_in_server = false
#               └─ gongkai serve (node B, search_dir b/)   jobs.run_in_server = false
#   gongkai worker                                          (the only job runner)
#   shared: one PostgreSQL database, storage.data_dir (attachments)
#
# Then: CLIENTS citizens submit 依申请公开 applications through nginx for LOAD_SECS
# seconds; node A gets SIGKILL after KILL_AFTER seconds and stays down; while it
# is down a document is published through nginx (so through node B) with staff
# API tokens; A is restarted. Checks, each printed with its figure:
#   1. every request after the kill succeeded through nginx (none failed at all);
#   2. every acknowledged receipt is in the database exactly once, and no
#      application was registered twice (nginx retries a POST cut by the kill on
#      node B; the form's idempotency key makes that retry return the same case);
#   3. no job ran twice: each finished job was claimed once (attempts = 1), no
#      kind has two queued/running jobs, nothing stuck in `running`;
#   4. the search indexes converge: the document published on B is found on A
#      (asked directly, not through nginx) after A restarts, within the sync interval.
#   5. the 政策精准推送 outbox: companies subscribe through nginx while A is down;
#      the worker sends each confirmation once to a real SMTP server (aiosmtpd):
#      mails received = messages marked sent, every Message-ID distinct.
# Exit status 0 only when all hold. Bounded: about 2-3 minutes.
#
# Needs: nginx, psql, python3 (with aiosmtpd), curl, a PostgreSQL server (PG, default
# postgres://postgres@127.0.0.1:5432). GONGKAI: the binary (default: built with
# cargo into $CARGO_TARGET_DIR or target/, debug profile).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PG="${PG:-postgres://postgres@127.0.0.1:5432}"
LOAD_SECS="${LOAD_SECS:-40}"
KILL_AFTER="${KILL_AFTER:-12}"
CLIENTS="${CLIENTS:-4}"
SYNC_WAIT="${SYNC_WAIT:-75}"   # the sync interval is 30 s; start-up and a rebuild on top
for tool in nginx psql python3 curl; do
  command -v "$tool" >/dev/null || { echo "missing: $tool"; exit 2; }
done
if [ -z "${GONGKAI:-}" ]; then
  (cd "$ROOT" && cargo build -q -p gongkai --bin gongkai)
  GONGKAI="${CARGO_TARGET_DIR:-$ROOT/target}/debug/gongkai"
fi
[ -x "$GONGKAI" ] || { echo "missing: $GONGKAI"; exit 2; }

WORK="$(mktemp -d)"
DB="gongkai_twonode_$$"
PORT_A="${PORT_A:-18181}"; PORT_B="${PORT_B:-18182}"; NG_PORT="${NG_PORT:-18180}"
NG="http://127.0.0.1:$NG_PORT"
PID_A=""; PID_B=""; PID_W=""; PID_SMTP=""; SMTP_PORT="${SMTP_PORT:-18183}"
cleanup() {
  for p in $PID_A $PID_B $PID_W $PID_SMTP; do kill "$p" 2>/dev/null || true; done
  [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
  sleep 1
  psql -q "$PG/postgres" -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
  if [ "${KEEP:-}" = 1 ]; then echo "kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
fails=0
check() { # check NAME OK(0/1) DETAIL
  if [ "$2" = 1 ]; then echo "  OK      $1: $3"; else echo "  FAILED  $1: $3"; fails=$((fails + 1)); fi
}
q() { psql -qtA "$PG/$DB" -c "$1"; }

echo "== PostgreSQL database $DB, gongkai migrate"
psql -q "$PG/postgres" -c "CREATE DATABASE $DB" >/dev/null
mkdir -p "$WORK/shared" "$WORK/a" "$WORK/b"
export GONGKAI__DATABASE__URL="$PG/$DB"
export GONGKAI__STORAGE__DATA_DIR="$WORK/shared"      # attachments: shared storage
export GONGKAI__JOBS__RUN_IN_SERVER=false             # jobs: the worker only
export GONGKAI__SERVER__TRUST_PROXY=true              # client address from nginx
export GONGKAI__SERVER__PUBLIC_URL="$NG"
# The load comes from one address; the per-address form limit would refuse it.
export GONGKAI__SECURITY__PUBLIC_FORM_PER_MINUTE=1000000
export RUST_LOG="${RUST_LOG:-warn}"
# 政策精准推送 mail goes to a real SMTP server (aiosmtpd, a Maildir).
export GONGKAI__MAIL__SMTP_HOST=127.0.0.1 GONGKAI__MAIL__SMTP_PORT="$SMTP_PORT" GONGKAI__MAIL__PER_MINUTE=1000
"$GONGKAI" migrate >"$WORK/migrate.log" 2>&1 || { cat "$WORK/migrate.log"; exit 1; }

start_node() { # start_node NAME PORT → sets PID_<NAME>
  GONGKAI__STORAGE__SEARCH_DIR="$WORK/${1,,}/search" \
    "$GONGKAI" serve --bind "127.0.0.1:$2" >>"$WORK/node-$1.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 240); do
    curl -fsS "http://127.0.0.1:$2/readyz" >/dev/null 2>&1 && break
    kill -0 "$pid" 2>/dev/null || { cat "$WORK/node-$1.log"; exit 1; }
    sleep 0.25
  done
  curl -fsS "http://127.0.0.1:$2/readyz" >/dev/null || { echo "node $1 not ready"; exit 1; }
  eval "PID_$1=$pid"
}
echo "== node A :$PORT_A, node B :$PORT_B, worker"
start_node A "$PORT_A"   # the first start creates the administrator on the empty database
start_node B "$PORT_B"
python3 -m aiosmtpd -n -l "127.0.0.1:$SMTP_PORT" -c aiosmtpd.handlers.Mailbox "$WORK/mail" &
PID_SMTP=$!
"$GONGKAI" worker >"$WORK/worker.log" 2>&1 &
PID_W=$!

USER_LINE=""
[ "$(id -u)" = 0 ] && USER_LINE="user root;"
cat >"$WORK/nginx.conf" <<EOF
$USER_LINE
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log $WORK/nginx-access.log;
  client_body_temp_path $WORK/tmp-body;
  proxy_temp_path $WORK/tmp-proxy;
  fastcgi_temp_path $WORK/tmp-fcgi;
  uwsgi_temp_path $WORK/tmp-uwsgi;
  scgi_temp_path $WORK/tmp-scgi;
  client_max_body_size 60m;
  upstream gongkai {
    server 127.0.0.1:$PORT_A max_fails=1 fail_timeout=5s;
    server 127.0.0.1:$PORT_B max_fails=1 fail_timeout=5s;
    keepalive 16;
  }
  server {
    listen 127.0.0.1:$NG_PORT;
    location / {
      proxy_pass http://gongkai;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$remote_addr;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_connect_timeout 2s;
      proxy_read_timeout 60s;
      # A node that dies: the request goes to the other one. POSTs too: every
      # form that registers something carries an idempotency key.
      proxy_next_upstream error timeout http_502 http_503 non_idempotent;
      proxy_next_upstream_tries 2;
    }
  }
}
EOF
nginx -c "$WORK/nginx.conf" -p "$WORK"
for _ in $(seq 1 40); do curl -fsS "$NG/readyz" >/dev/null 2>&1 && break; sleep 0.25; done

echo "== staff: gongkai user add, then sign-in, password change and API tokens through nginx"
gk_user() { "$GONGKAI" user add "$1" --name "$2" --unit 1 --role "$3" | sed -n 's/.*初始密码：\([^　 ]*\).*/\1/p'; }
ADM_PW="$(gk_user adm24 运维管理员 admin)"
gk_user pub24 信息发布员 publisher >/dev/null
gk_user rev24 审核人 reviewer >/dev/null
mapfile -t TOKENS < <(python3 "$ROOT/scripts/gk_staff.py" "$NG" adm24 "$ADM_PW" "Scale-24-$$-gongkai" pub24 rev24)
[ "${#TOKENS[@]}" = 2 ] || { echo "could not issue tokens"; exit 1; }

echo "== load: $CLIENTS clients × ${LOAD_SECS}s of 依申请公开 through nginx; SIGKILL node A at ${KILL_AFTER}s"
python3 "$ROOT/scripts/twonode_load.py" "$NG" "$LOAD_SECS" "$CLIENTS" "$WORK/load.jsonl" &
PID_LOAD=$!
sleep "$KILL_AFTER"
T_KILL="$(date +%s.%N)"
kill -9 "$PID_A"; wait "$PID_A" 2>/dev/null || true; PID_A=""
echo "node A killed at $(date -u +%T)"

# While A is down, publish a document through nginx (so on node B).
sleep 3
TITLE="双节点收敛检验通知$$"
api() { # api TOKEN METHOD PATH [JSON]
  curl -sS -o "$WORK/api.out" -w '%{http_code}' -X "$2" -H "Authorization: Bearer $1" \
    -H 'Content-Type: application/json' ${4:+--data "$4"} "$NG$3"
}
s=$(api "${TOKENS[0]}" POST /api/v1/documents "{\"title\": \"$TITLE\", \"issuer_unit_id\": 1, \"disclosure\": \"proactive\", \"doc_no\": \"沪城管执[2026]$(( $$ % 900 + 100 ))号\", \"written_on\": \"2026-03-02\", \"genre\": \"notice\", \"body\": \"本通知用于检验多节点搜索索引的收敛。\"}")
DOC_ID="$(python3 -c 'import json,sys;print(json.load(open(sys.argv[1])).get("id",""))' "$WORK/api.out" 2>/dev/null || true)"
s2=$(api "${TOKENS[0]}" POST "/api/v1/documents/$DOC_ID/submit")
s3=$(api "${TOKENS[1]}" POST "/api/v1/documents/$DOC_ID/publish")
T_PUB="$(date +%s)"
# And companies subscribe to 政策精准推送 (one confirmation mail each, in the outbox).
SUBS_WANTED=10
SUBS="$(python3 "$ROOT/scripts/twonode_push.py" subscribe "$NG" "$SUBS_WANTED")"
wait "$PID_LOAD"

echo "== node A restarts (same search_dir: its index is behind by the document published on B)"
start_node A "$PORT_A"

echo "== checks"
read -r total ok failed after_kill again < <(python3 - "$WORK/load.jsonl" "$T_KILL" <<'PY'
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1])]
t_kill = float(sys.argv[2])
ok = [r for r in recs if r["ok"]]
bad = [r for r in recs if not r["ok"]]
after = [r for r in bad if r["t_end"] >= t_kill]
with open(sys.argv[1] + ".receipts", "w") as f:
    for r in ok:
        f.write(r["receipt"] + "\n")
for r in bad[:5]:
    print(r, file=sys.stderr)
print(len(recs), len(ok), len(bad), len(after), sum(1 for r in ok if r["again"]))
PY
)
check "requests after the kill" "$([ "$after_kill" = 0 ] && echo 1 || echo 0)" \
  "$after_kill failed after the kill; $failed failed of $total in all"
cut="$(grep -E "upstream: \"http://127.0.0.1:$PORT_A" "$WORK/nginx-error.log" | grep -E "while (reading response header|connecting) (from|to) upstream" || true)"
echo "  info    nginx passed $(printf '%s' "$cut" | grep -c . || true) requests that node A failed on to node B ($(printf '%s' "$cut" | grep -c '"POST ' || true) of them POSTs cut by the kill)"
check "load ran" "$([ "$ok" -ge 20 ] && echo 1 || echo 0)" "$ok acknowledged applications ($again answered as a retry of an earlier submission)"

psql -q "$PG/$DB" >/dev/null <<EOF
CREATE TABLE twonode_acked (receipt_no TEXT);
\copy twonode_acked FROM '$WORK/load.jsonl.receipts'
EOF
missing=$(q "SELECT COUNT(*) FROM (SELECT DISTINCT receipt_no FROM twonode_acked) a WHERE NOT EXISTS (SELECT 1 FROM foi_cases c WHERE c.receipt_no = a.receipt_no)")
multi=$(q "SELECT COUNT(*) FROM (SELECT receipt_no FROM foi_cases GROUP BY receipt_no HAVING COUNT(*) > 1) x")
dup=$(q "SELECT COUNT(*) FROM (SELECT info_description FROM foi_cases GROUP BY info_description HAVING COUNT(*) > 1) x")
rows=$(q "SELECT COUNT(*) FROM foi_cases")
distinct=$(q "SELECT COUNT(DISTINCT receipt_no) FROM twonode_acked")
check "acknowledged receipts in the database" "$([ "$missing" = 0 ] && [ "$multi" = 0 ] && echo 1 || echo 0)" \
  "$distinct distinct receipts acknowledged, $missing missing, $multi present more than once"
check "no application registered twice" "$([ "$dup" = 0 ] && echo 1 || echo 0)" \
  "$rows cases in the database, $dup submissions stored more than once"

twice=$(q "SELECT COUNT(*) FROM jobs WHERE state = 'done' AND attempts <> 1")
done_jobs=$(q "SELECT COUNT(*) FROM jobs WHERE state = 'done'")
pending2=$(q "SELECT COUNT(*) FROM (SELECT kind FROM jobs WHERE state IN ('queued','running') AND payload = '{}' GROUP BY kind HAVING COUNT(*) > 1) x")
stuck=$(q "SELECT COUNT(*) FROM jobs WHERE state = 'running' AND locked_at < now() - interval '2 minutes'")
kinds=$(q "SELECT string_agg(kind || '×' || n, ' ') FROM (SELECT kind, COUNT(*) n FROM jobs WHERE state = 'done' GROUP BY kind ORDER BY kind) x")
check "no job ran twice" "$([ "$twice" = 0 ] && [ "$pending2" = 0 ] && [ "$stuck" = 0 ] && [ "$done_jobs" -gt 0 ] && echo 1 || echo 0)" \
  "$done_jobs jobs done by the worker (${kinds:-none}), $twice claimed more than once, $pending2 kinds queued twice, $stuck stuck"

check "document published through node B" "$([ "$s" = 201 ] && [ "$s2" = 200 ] && [ "$s3" = 200 ] && echo 1 || echo 0)" \
  "create $s, submit $s2, publish $s3 (document #${DOC_ID:-?})"
QT="$(python3 -c 'import sys,urllib.parse;print(urllib.parse.quote(sys.argv[1]))' "$TITLE")"
found_b=0; found_a=0
for _ in $(seq 1 "$SYNC_WAIT"); do
  [ "$found_b" = 0 ] && curl -fsS "http://127.0.0.1:$PORT_B/search?q=$QT" 2>/dev/null | grep -Eq "/xxgk/documents/$DOC_ID[\"?#]" && found_b=$(( $(date +%s) - T_PUB ))s
  [ "$found_a" = 0 ] && curl -fsS "http://127.0.0.1:$PORT_A/search?q=$QT" 2>/dev/null | grep -Eq "/xxgk/documents/$DOC_ID[\"?#]" && found_a=$(( $(date +%s) - T_PUB ))s
  [ "$found_a" != 0 ] && [ "$found_b" != 0 ] && break
  sleep 1
done
check "search indexes converge" "$([ "$found_a" != 0 ] && [ "$found_b" != 0 ] && echo 1 || echo 0)" \
  "found on node B after ${found_b/#0/never (${SYNC_WAIT}s)}, on restarted node A after ${found_a/#0/never (${SYNC_WAIT}s)} (from publication)"
page_a=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT_A/xxgk/documents/$DOC_ID")
check "document page on node A" "$([ "$page_a" = 200 ] && echo 1 || echo 0)" "HTTP $page_a"

# The outbox: the worker's policy_push job (every 60 s) sends each message once.
for _ in $(seq 1 100); do
  [ "$(q "SELECT COUNT(*) FROM push_messages WHERE state IN ('queued', 'sending')")" = 0 ] && break
  sleep 1
done
sent=$(q "SELECT COUNT(*) FROM push_messages WHERE state = 'sent'")
other=$(q "SELECT COUNT(*) FROM push_messages WHERE state <> 'sent'")
read -r mails ids < <(python3 "$ROOT/scripts/twonode_push.py" maildir "$WORK/mail")
check "outbox delivered each mail once" \
  "$([ "$SUBS" = "$SUBS_WANTED" ] && [ "$sent" = "$SUBS_WANTED" ] && [ "$other" = 0 ] && [ "$mails" = "$sent" ] && [ "$ids" = "$mails" ] && echo 1 || echo 0)" \
  "$SUBS of $SUBS_WANTED subscriptions accepted through node B; $sent messages sent, $other not; the SMTP server received $mails mails with $ids distinct Message-IDs"

if [ "$fails" -gt 0 ]; then
  echo "== $fails check(s) failed; logs:"; tail -n 20 "$WORK"/node-*.log "$WORK/worker.log" "$WORK/nginx-error.log"
  exit 1
fi
echo "== all checks passed"
