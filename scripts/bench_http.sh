#!/usr/bin/env bash
# Load benchmark of the public pages beside nginx, in one run on one machine
# (issue 23). Superseded by `gongkai bench http` (generated data sets of 100k/1M
# documents, a mixed workload with writes, RSS and cold start; no wrk needed);
# kept for a quick wrk run on the demo data.
# Starts `gongkai serve --demo` on a fresh data directory, saves the bytes of
# the document page and of /xxgk/proactive, serves those same bytes from nginx, and drives both with wrk over loopback. Prints req/s, p50/p99 and the
# ratio gongkai / nginx per page type against the goals:
#   document page ≥ 0.5 × nginx, lists ≥ 0.3 × nginx, search p99 ≤ 50 ms.
#
# Needs: a built gongkai (default target/release/gongkai), wrk, nginx
#   (apt-get install -y wrk nginx).
# Usage: scripts/bench_http.sh [seconds per run, default 10]
# Environment: GONGKAI (binary), THREADS (wrk -t, default 2), CONNS (wrk -c,
#   default 32), GONGKAI__CACHE__PAGE_CACHE_BYTES=0 to measure without the
#   in-process page cache, QUERIES (search words, space-separated; the search
#   run cycles through them, so no single query is measured alone).
set -euo pipefail

DUR="${1:-10}"
THREADS="${THREADS:-2}"
CONNS="${CONNS:-32}"
QUERIES="${QUERIES:-占道经营 行政处罚 违法建筑 城市管理 信息公开 罚款 噪声 户外广告 生活垃圾 执法公示 占到经营 市容环境}"
QUERY="${QUERIES%% *}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
GONGKAI="${GONGKAI:-${CARGO_TARGET_DIR:-$ROOT/target}/release/gongkai}"
for tool in wrk nginx curl python3; do
  command -v "$tool" >/dev/null || { echo "missing: $tool (apt-get install -y wrk nginx)"; exit 2; }
done
[ -x "$GONGKAI" ] || { echo "missing: $GONGKAI (cargo build --release -p gongkai)"; exit 2; }

WORK="$(mktemp -d)"
GK_PORT="${GK_PORT:-18080}"
NG_PORT="${NG_PORT:-18081}"
GK_PID=""
cleanup() {
  [ -n "$GK_PID" ] && kill "$GK_PID" 2>/dev/null || true
  [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "== gongkai serve --demo ($GONGKAI) on 127.0.0.1:$GK_PORT"
GONGKAI__STORAGE__DATA_DIR="$WORK/data" GONGKAI__JOBS__RUN_IN_SERVER=false RUST_LOG=info \
  "$GONGKAI" serve --demo --bind "127.0.0.1:$GK_PORT" >"$WORK/serve.log" 2>&1 &
GK_PID=$!
for _ in $(seq 1 600); do
  curl -fsS "http://127.0.0.1:$GK_PORT/readyz" >/dev/null 2>&1 && break
  kill -0 "$GK_PID" 2>/dev/null || { cat "$WORK/serve.log"; exit 1; }
  sleep 0.5
done
GK="http://127.0.0.1:$GK_PORT"
# The search index builds in the background at start: wait until it is built, so
# that the build does not share the cores with the measurement.
for _ in $(seq 1 600); do
  grep -q "search index built" "$WORK/serve.log" && break
  sleep 0.5
done

mkdir -p "$WORK/www"
curl -fsS "$GK/xxgk/proactive" -o "$WORK/www/proactive.html"
DOC="$(grep -o '/xxgk/documents/[0-9]*' "$WORK/www/proactive.html" | head -1)"
[ -n "$DOC" ] || { echo "no document on /xxgk/proactive"; exit 1; }
curl -fsS "$GK$DOC" -o "$WORK/www/doc.html"
Q="$(python3 -c 'import sys,urllib.parse;print(urllib.parse.quote(sys.argv[1]))' "$QUERY")"
echo "document page $DOC ($(wc -c <"$WORK/www/doc.html") bytes), /xxgk/proactive ($(wc -c <"$WORK/www/proactive.html") bytes)"

USER_LINE=""
[ "$(id -u)" = 0 ] && USER_LINE="user root;"
cat >"$WORK/nginx.conf" <<EOF
$USER_LINE
worker_processes auto;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $WORK/tmp-body;
  proxy_temp_path $WORK/tmp-proxy;
  fastcgi_temp_path $WORK/tmp-fcgi;
  uwsgi_temp_path $WORK/tmp-uwsgi;
  scgi_temp_path $WORK/tmp-scgi;
  server {
    listen 127.0.0.1:$NG_PORT;
    root $WORK/www;
    default_type "text/html; charset=utf-8";
  }
}
EOF
nginx -c "$WORK/nginx.conf" -p "$WORK"
NG="http://127.0.0.1:$NG_PORT"
sleep 0.5

# The search mix: each request the next query of $QUERIES.
python3 - "$WORK/search.lua" $QUERIES <<'PY'
import sys, urllib.parse
paths = ["/search?q=" + urllib.parse.quote(q) for q in sys.argv[2:]]
with open(sys.argv[1], "w") as f:
    f.write("local paths = {" + ",".join('"%s"' % p for p in paths) + "}\n")
    f.write("local i = 0\nrequest = function()\n  i = i % #paths + 1\n")
    f.write("  return wrk.format(\"GET\", paths[i])\nend\n")
PY

# run NAME URL [LUA] → "req/s p50_ms p99_ms non-2xx"
run() {
  local out
  if [ -n "${3:-}" ]; then
    out="$(wrk -t"$THREADS" -c"$CONNS" -d"${DUR}s" --latency -s "$3" "$2")"
  else
    out="$(wrk -t"$THREADS" -c"$CONNS" -d"${DUR}s" --latency "$2")"
  fi
  python3 - "$out" <<'PY'
import re, sys
out = sys.argv[1]
def ms(label):
    m = re.search(r"^\s*%s\s+([\d.]+)(us|ms|s)\s*$" % label, out, re.M)
    if not m: return float("nan")
    v, u = float(m.group(1)), m.group(2)
    return v / 1000 if u == "us" else v * 1000 if u == "s" else v
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
print(f"{rps:.0f} {ms('50%'):.2f} {ms('99%'):.2f} {bad.group(1) if bad else 0}")
PY
}

echo "== wrk -t$THREADS -c$CONNS -d${DUR}s, loopback, $(nproc) cores"
printf "%-28s %10s %9s %9s %6s\n" "page" "req/s" "p50 ms" "p99 ms" "non-2xx"
declare -A R
for spec in "gk_doc|$GK$DOC" "ng_doc|$NG/doc.html" "gk_list|$GK/xxgk/proactive" \
            "ng_list|$NG/proactive.html" "gk_list_p2|$GK/xxgk/proactive?page=2" \
            "gk_filter|$GK/xxgk/proactive?genre=notice" "gk_search_mix|$GK/search|$WORK/search.lua" \
            "gk_search_one|$GK/search?q=$Q" "gk_laws|$GK/laws"; do
  name="${spec%%|*}"; rest="${spec#*|}"; url="${rest%%|*}"; lua=""
  [ "$rest" != "$url" ] && lua="${rest#*|}"
  res="$(run "$name" "$url" "$lua")"
  R[$name]="$res"
  read -r rps p50 p99 bad <<<"$res"
  printf "%-28s %10s %9s %9s %6s\n" "$name" "$rps" "$p50" "$p99" "$bad"
done

python3 - "${R[gk_doc]}" "${R[ng_doc]}" "${R[gk_list]}" "${R[ng_list]}" "${R[gk_search_mix]}" <<'PY'
import sys
f = [list(map(float, a.split())) for a in sys.argv[1:]]
gk_doc, ng_doc, gk_list, ng_list, search = f
def line(name, value, goal, ok):
    print(f"{name:<34} {value:>8}   goal {goal:<10} {'OK' if ok else 'MISSED'}")
print("== against the goals of issue 23")
r = gk_doc[0] / ng_doc[0]
line("document page / nginx", f"{r:.2f}", "≥ 0.5", r >= 0.5)
r = gk_list[0] / ng_list[0]
line("/xxgk/proactive / nginx", f"{r:.2f}", "≥ 0.3", r >= 0.3)
line("search p99 under load (ms)", f"{search[2]:.1f}", "≤ 50", search[2] <= 50)
PY
