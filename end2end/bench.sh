#!/usr/bin/env bash
# The benchmark: figures measured in one run on this machine, printed as
# ratios where machines differ (a page against a static file of the same
# server). Builds the release app through .ci/build first (BENCH_BUILD=0
# skips it), serves the demo data from SQLite, then prints:
#   1. throughput of the main pages and endpoints (wrk, loopback), with and
#      without compression of the page;
#   2. what the browser downloads for a learner's first visit (JS and WASM,
#      as sent: brotli), and each file of /pkg;
#   3. Lighthouse (mobile preset, simulated slow 4G) on /user/formations.
# The demo data gets 10,000 more enrollments (`formations bench-seed`:
# 2,000 learners in 20 formations), the shape issue 19 was measured on; the
# throughput of the learner's page and list is also measured on PostgreSQL
# when one answers on 127.0.0.1:5432 (a database formations_bench, remade).
#
# `bench.sh --scale [N...]` prints instead single-connection latency (p50)
# and HTML size of the learner's and the admin's pages on databases of N
# enrollments each (default: 10000 1000000), side by side; it seeds them
# itself (a million enrollments take a minute or two).
# Needs wrk (apt-get install -y wrk); installs Lighthouse from npm.
set -euo pipefail
SCALE=()
if [ "${1:-}" = "--scale" ]; then
  shift
  SCALE=("$@")
  [ ${#SCALE[@]} -gt 0 ] || SCALE=(10000 1000000)
fi
cd "$(dirname "$0")"
ROOT="$(cd .. && pwd)"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
TOOLS="${FORMATIONS_TOOLS:-$HOME/.cache/formations-tools}"
export PATH="$HOME/.cargo/bin:$TOOLS/node_modules/.bin:$PATH"
if ! lighthouse --version 2>/dev/null | grep -q '^12\.8\.2'; then
  echo "==> installing Lighthouse 12.8.2 from npm" >&2
  mkdir -p "$TOOLS"
  (cd "$TOOLS" && { [ -f package.json ] || npm init -y >/dev/null; } && npm install --no-audit --no-fund lighthouse@12.8.2 >/dev/null)
fi
[ "${BENCH_BUILD:-1}" = 0 ] || bash "$ROOT/.ci/build" >&2

PORT="${BENCH_PORT:-3400}"
SECONDS_EACH="${BENCH_SECONDS:-5}"
BIN="${FORMATIONS_BIN:-$ROOT/target/release/formations}"
SITE="$ROOT/target/site"
mkdir -p .tmp
export LEPTOS_SITE_ROOT="$SITE" RUST_LOG=warn

# wrk's "1.23ms", "512.00us" or "1.02s" in milliseconds.
millis() { awk '{ v = $1; if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) } else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 } printf "%.2f", v }'; }

if [ ${#SCALE[@]} -gt 0 ]; then
  echo "# Formations at scale, $(date -u +%Y-%m-%d), $(nproc) cores, $(uname -m); command: end2end/bench.sh --scale ${SCALE[*]}"
  echo "Single connection (wrk -t1 -c1, ${SECONDS_EACH} s each): p50 latency in ms, and the page's HTML in KB."
  rm -f .tmp/scale.tsv
  for n in "${SCALE[@]}"; do
    db=".tmp/scale-$n.db"
    rm -f "$db" "$db-wal" "$db-shm"
    export DATABASE_URL="sqlite://$PWD/$db" LEPTOS_SITE_ADDR="127.0.0.1:$PORT"
    "$BIN" demo 2>/dev/null
    started=$(date +%s)
    seeded=$("$BIN" bench-seed --enrollments "$n")
    echo "seeded $n: $seeded ($(( $(date +%s) - started )) s)" >&2
    FORMATIONS_BACKGROUND=off "$BIN" serve &
    SERVER=$!
    BASE="http://127.0.0.1:$PORT"
    for _ in $(seq 1 100); do curl -fs "$BASE/login" >/dev/null && break; sleep 0.2; done
    login() { curl -fs -o /dev/null -c - -X POST "$BASE/api/auth/login/" -H 'Content-Type: application/json' \
      -d "{\"email\":\"$1\",\"password\":\"$2\"}" | awk '/formations_session/ {print $7}'; }
    learner=$(login apprenant@formations.test apprenant-demo-2026)
    admin=$(login admin@formations.test admin-demo-2026)
    # The first bench formation: 1/20 of the enrollments.
    F=$(curl -fs -H "Cookie: formations_session=$admin" "$BASE/admin/formations?q=Banc" \
      | grep -o 'href="/admin/formations/[0-9]*"' | head -n1 | grep -o '[0-9]*')
    for target in "/user/formations|$learner" "/user|$learner" "/admin|$admin" "/admin/formations|$admin" \
      "/admin/demandes|$admin" "/admin/audit|$admin" "/admin/formations/$F/inscriptions|$admin" \
      "/admin/formations/$F/presences|$admin" "/admin/formations/$F/certificats|$admin" \
      "/admin/formations/$F/seances|$admin"; do
      IFS='|' read -r path cookie <<<"$target"
      code=$(curl -s -o .tmp/page.html -w '%{http_code}' -H "Cookie: formations_session=$cookie" "$BASE$path")
      [ "$code" = 200 ] || { echo "$path answered $code at $n" >&2; exit 1; }
      p50=$(wrk -t1 -c1 -d"${SECONDS_EACH}s" --latency -H "Cookie: formations_session=$cookie" "$BASE$path" \
        | awk '$1 == "50%" {print $2}' | millis)
      printf '%s\t%s\t%s\t%s\n' "$n" "${path/\/$F\//\/F\/}" "$p50" "$(( $(stat -c %s .tmp/page.html) / 1024 ))" >> .tmp/scale.tsv
    done
    kill $SERVER; wait $SERVER 2>/dev/null || true
  done
  python3 - "${SCALE[@]}" <<'PY'
import sys
sizes = sys.argv[1:]
rows = {}
for line in open(".tmp/scale.tsv"):
    n, path, p50, kb = line.rstrip("\n").split("\t")
    rows.setdefault(path, {})[n] = (p50, kb)
head = "".join(f"{int(n):>12,} enr. (ms / KB)" for n in sizes)
print(f"{'page':<36}{head}")
for path, by in rows.items():
    cells = "".join(f"{by.get(n, ('-', '-'))[0]:>16} / {by.get(n, ('-', '-'))[1]:>5}" for n in sizes)
    print(f"{path:<36}{cells}")
PY
  rm -f .tmp/scale.tsv
  exit 0
fi

rm -f .tmp/bench.db .tmp/bench.db-wal .tmp/bench.db-shm
# Only what a deployment sets: the database, the address and the files.
export DATABASE_URL="sqlite://$PWD/.tmp/bench.db" LEPTOS_SITE_ADDR="127.0.0.1:$PORT"
"$BIN" demo 2>/dev/null
"$BIN" bench-seed --enrollments 10000 >/dev/null
# No periodic tasks during the measurement.
FORMATIONS_BACKGROUND=off "$BIN" serve &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
BASE="http://127.0.0.1:$PORT"
for _ in $(seq 1 50); do curl -fs "$BASE/login" >/dev/null && break; sleep 0.2; done
TOKEN=$(curl -fs -X POST "$BASE/api/auth/login/" -H 'Content-Type: application/json' \
  -d '{"email":"apprenant@formations.test","password":"apprenant-demo-2026"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')

# The demo learner's finished formation: its certificate, rendered on each
# request (the PDF renders per second).
CERT=$(curl -fs "$BASE/api/auth/user/formations/" -H "Authorization: Bearer $TOKEN" \
  | python3 -c 'import json,sys; print(next(f["completion_certificate"] for f in json.load(sys.stdin)["formations"] if f["completion_certificate"]))')
CERT_PATH="/${CERT#http://*/}"

COOKIE=$(curl -fs -o /dev/null -c - -X POST "$BASE/api/auth/login/" -H 'Content-Type: application/json' \
  -d '{"email":"apprenant@formations.test","password":"apprenant-demo-2026"}' | awk '/formations_session/ {print $7}')

# The stylesheet under the name this build gave it.
CSS=$(curl -fs "$BASE/login" | grep -o '/pkg/formations[^"]*\.css' | head -n1)

echo "# Formations benchmark, $(date -u +%Y-%m-%d), $(nproc) cores, $(uname -m); command: end2end/bench.sh"
echo
echo "## Throughput (wrk -t2 -c16, ${SECONDS_EACH} s each; the static file $CSS measured just before each target)"
rate() { # base, path, extra wrk args...
  local base="$1" path="$2"; shift 2
  wrk -t2 -c16 -d"${SECONDS_EACH}s" "$@" "$base$path" | awk '/Requests\/sec/ {print $2}'
}
# On a shared host the rate of the same build drifts by a third within
# minutes: a yardstick measured once, at the start, made the ratios of
# the later rows drift with it. Each ratio is now against the static file
# measured right before its target, after one warm-up of both.
row() { # label, base, path, extra wrk args...
  local label="$1" base="$2" path="$3"; shift 3
  local static r
  static=$(rate "$base" "$CSS")
  r=$(rate "$base" "$path" "$@")
  printf '%-52s %10.0f %10.0f %8.2f\n' "$label" "$r" "$static" "$(python3 -c "print($r/$static)")"
}
wrk -t2 -c16 -d1s "$BASE$CSS" >/dev/null
wrk -t2 -c16 -d1s -H "Cookie: formations_session=$COOKIE" "$BASE/user/formations" >/dev/null
printf '%-52s %10s %10s %8s\n' "target" "req/s" "static" "ratio"
for target in "/login|" "/user/formations|cookie" "/user/formations|cookie|br" "/user|cookie" "/api/auth/user/formations/|bearer" "/api/auth/user/formations/|bearer|br" "/api/auth/user/formations/next-sessions/|bearer" "$CERT_PATH|bearer"; do
  IFS='|' read -r path auth encoding <<<"$target"
  case "$auth" in
    cookie) header="Cookie: formations_session=$COOKIE" ;;
    bearer) header="Authorization: Bearer $TOKEN" ;;
    *) header="X-Bench: 1" ;;
  esac
  # Measure only what answers 200: a redirect to the login page is not a page.
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "$header" "$BASE$path")
  [ "$code" = 200 ] || { echo "$path answered $code, not 200" >&2; exit 1; }
  label="$path"; [ "$path" = "$CERT_PATH" ] && label="certificate PDF (renders/s)"
  label="$label (${auth:-public}${encoding:+, $encoding})"
  if [ -n "$encoding" ]; then
    row "$label" "$BASE" "$path" -H "$header" -H "Accept-Encoding: $encoding"
  else
    row "$label" "$BASE" "$path" -H "$header"
  fi
done
# PostgreSQL beside, when one answers on 127.0.0.1:5432 (user postgres):
# the same data, the same targets, the same static file as the yardstick.
if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  dropdb -h 127.0.0.1 -U postgres --if-exists formations_bench
  createdb -h 127.0.0.1 -U postgres formations_bench
  PG_PORT=$((PORT + 1))
  PG_BASE="http://127.0.0.1:$PG_PORT"
  pg_env=(env DATABASE_URL="postgres://postgres@127.0.0.1:5432/formations_bench" LEPTOS_SITE_ADDR="127.0.0.1:$PG_PORT")
  "${pg_env[@]}" "$BIN" demo 2>/dev/null
  "${pg_env[@]}" "$BIN" bench-seed --enrollments 10000 >/dev/null
  "${pg_env[@]}" FORMATIONS_BACKGROUND=off "$BIN" serve &
  PG_SERVER=$!
  trap 'kill $SERVER $PG_SERVER 2>/dev/null || true' EXIT
  for _ in $(seq 1 50); do curl -fs "$PG_BASE/login" >/dev/null && break; sleep 0.2; done
  PG_TOKEN=$(curl -fs -X POST "$PG_BASE/api/auth/login/" -H 'Content-Type: application/json' \
    -d '{"email":"apprenant@formations.test","password":"apprenant-demo-2026"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
  PG_COOKIE=$(curl -fs -o /dev/null -c - -X POST "$PG_BASE/api/auth/login/" -H 'Content-Type: application/json' \
    -d '{"email":"apprenant@formations.test","password":"apprenant-demo-2026"}' | awk '/formations_session/ {print $7}')
  wrk -t2 -c16 -d1s "$PG_BASE$CSS" >/dev/null
  for target in "/user/formations|Cookie: formations_session=$PG_COOKIE" "/api/auth/user/formations/|Authorization: Bearer $PG_TOKEN"; do
    IFS='|' read -r path header <<<"$target"
    row "$path (PostgreSQL)" "$PG_BASE" "$path" -H "$header"
  done
  kill $PG_SERVER; wait $PG_SERVER 2>/dev/null || true
fi
page_plain=$(curl -s -H "Cookie: formations_session=$COOKIE" "$BASE/user/formations" | wc -c)
page_br=$(curl -s -H "Cookie: formations_session=$COOKIE" -H 'Accept-Encoding: br' "$BASE/user/formations" | wc -c)
echo "/user/formations HTML: $page_plain bytes, $page_br with brotli"

echo
echo "## Files of /pkg (bytes on disk, and as sent with Accept-Encoding: br)"
for f in "$SITE"/pkg/*; do
  case "$f" in *.br|*.gz) continue ;; esac
  [ -f "$f" ] || continue
  name="/pkg/$(basename "$f")"
  sent=$(curl -s -H 'Accept-Encoding: br' -o /dev/null -w '%{size_download}' "$BASE$name")
  printf '%-60s %10d %10d\n' "$name" "$(stat -c %s "$f")" "$sent"
done

echo
echo "## Lighthouse on /user/formations (mobile preset: simulated slow 4G, 4x CPU slowdown)"
CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}" lighthouse "$BASE/user/formations" \
  --quiet --only-categories=performance --output=json --output-path=.tmp/lighthouse.json \
  --chrome-flags="--headless --no-sandbox --disable-gpu --disable-background-networking" \
  --extra-headers="{\"Cookie\": \"formations_session=$COOKIE\"}"
python3 - .tmp/lighthouse.json <<'EOF'
import json, sys
report = json.load(open(sys.argv[1]))
audits = report["audits"]
if report.get("runtimeError"):
    sys.exit(f"Lighthouse failed: {report['runtimeError']}")
final = report.get("finalDisplayedUrl") or report.get("finalUrl", "")
if not final.endswith("/user/formations"):
    sys.exit(f"Lighthouse ended on {final}, not the learner's page")
requests = audits["network-requests"]["details"]["items"]
code = [r for r in requests if "/pkg/" in r["url"] and r["url"].split("?")[0].endswith((".js", ".wasm"))]
first_load = sum(r.get("transferSize", 0) for r in code)
print(f"performance score      {report['categories']['performance']['score']:.2f}")
print(f"time to interactive    {audits['interactive']['numericValue'] / 1000:.1f} s")
print(f"total blocking time    {audits['total-blocking-time']['numericValue']:.0f} ms")
print(f"largest contentful p.  {audits['largest-contentful-paint']['numericValue'] / 1000:.1f} s")
print(f"total byte weight      {audits['total-byte-weight']['numericValue'] / 1024:.0f} KiB")
print(f"first load, JS + WASM  {first_load / 1024:.1f} KiB as sent ({len(code)} files):")
for r in code:
    print(f"  {r['url'].split('/pkg/')[1]:<58} {r.get('transferSize', 0):>9} B")
EOF
