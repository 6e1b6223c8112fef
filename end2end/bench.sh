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
# Needs wrk (apt-get install -y wrk); installs Lighthouse from npm.
set -euo pipefail
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
rm -f .tmp/bench.db .tmp/bench.db-wal .tmp/bench.db-shm
# Only what a deployment sets: the database, the address and the files.
export DATABASE_URL="sqlite://$PWD/.tmp/bench.db" LEPTOS_SITE_ROOT="$SITE" LEPTOS_SITE_ADDR="127.0.0.1:$PORT" RUST_LOG=warn
"$BIN" demo 2>/dev/null
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
echo "## Throughput (wrk -t2 -c16, ${SECONDS_EACH} s each)"
rate() { # path, extra wrk args...
  local path="$1"; shift
  wrk -t2 -c16 -d"${SECONDS_EACH}s" "$@" "$BASE$path" | awk '/Requests\/sec/ {print $2}'
}
static=$(rate "$CSS")
printf '%-52s %10s %8s\n' "target" "req/s" "ratio"
printf '%-52s %10.0f %8s\n' "static file $CSS" "$static" "1.00"
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
  if [ -n "$encoding" ]; then
    r=$(rate "$path" -H "$header" -H "Accept-Encoding: $encoding")
  else
    r=$(rate "$path" -H "$header")
  fi
  label="$path"; [ "$path" = "$CERT_PATH" ] && label="certificate PDF (renders/s)"
  label="$label (${auth:-public}${encoding:+, $encoding})"
  printf '%-52s %10.0f %8.2f\n' "$label" "$r" "$(python3 -c "print($r/$static)")"
done
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
