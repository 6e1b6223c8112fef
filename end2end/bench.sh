#!/usr/bin/env bash
# Throughput of the main pages and endpoints against a static file served by
# the same server, in one run on this machine (ratios, not absolute figures,
# are what compare across machines). Needs wrk (apt-get install wrk) and a
# release build (`cargo leptos build --release`). Bounded: a few seconds per
# target, loopback only.
set -euo pipefail
cd "$(dirname "$0")"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
PORT="${BENCH_PORT:-3400}"
SECONDS_EACH="${BENCH_SECONDS:-5}"
BIN="${FORMATIONS_BIN:-../target/release/formations}"
mkdir -p .tmp
rm -f .tmp/bench.db .tmp/bench.db-wal .tmp/bench.db-shm
export DATABASE_URL="sqlite://$PWD/.tmp/bench.db" LEPTOS_SITE_ROOT="$PWD/../target/site" LEPTOS_SITE_ADDR="127.0.0.1:$PORT" RUST_LOG=warn
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

rate() { # path, extra wrk args...
  local path="$1"; shift
  wrk -t2 -c16 -d"${SECONDS_EACH}s" "$@" "$BASE$path" | awk '/Requests\/sec/ {print $2}'
}
static=$(rate /pkg/formations.css)
printf '%-44s %10s %8s\n' "target" "req/s" "ratio"
printf '%-44s %10.0f %8s\n' "static file /pkg/formations.css" "$static" "1.00"
for target in "/login|" "/user/formations|cookie" "/user|cookie" "/api/auth/user/formations/|bearer" "/api/auth/user/formations/next-sessions/|bearer" "$CERT_PATH|bearer"; do
  path="${target%%|*}"; auth="${target##*|}"
  case "$auth" in
    cookie) header="Cookie: formations_session=$COOKIE" ;;
    bearer) header="Authorization: Bearer $TOKEN" ;;
    *) header="X-Bench: 1" ;;
  esac
  # Measure only what answers 200: a redirect to the login page is not a page.
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "$header" "$BASE$path")
  [ "$code" = 200 ] || { echo "$path answered $code, not 200" >&2; exit 1; }
  r=$(rate "$path" -H "$header")
  label="$path"; [ "$path" = "$CERT_PATH" ] && label="certificate PDF (renders/s)"
  printf '%-44s %10.0f %8.2f\n' "$label ($([ -n "$auth" ] && echo "$auth" || echo public))" "$r" "$(python3 -c "print($r/$static)")"
done
