#!/usr/bin/env bash
# The server the browser tests run against: a fresh SQLite database with the
# demo data, on its own port.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p .tmp
rm -f .tmp/e2e.db .tmp/e2e.db-wal .tmp/e2e.db-shm
export DATABASE_URL="sqlite://$PWD/.tmp/e2e.db"
export LEPTOS_SITE_ROOT="$PWD/../target/site"
export LEPTOS_SITE_ADDR="127.0.0.1:${E2E_PORT:-3100}"
# The mails (sign-up confirmation, password reset) land here as .eml files;
# the tests read the links from them.
export FORMATIONS_MAIL_DIR="$PWD/.tmp/mail"
unset FORMATIONS_SMTP_URL
rm -rf "$FORMATIONS_MAIL_DIR"
BIN="${FORMATIONS_BIN:-../target/debug/formations}"
"$BIN" demo 2>/dev/null
# A learner whose formation has a session running now and one starting in 30
# minutes, for the attendance and countdown tests.
"$BIN" user create --email e2e@formations.test --name "Alex Test" --password e2e-password-2026 >/dev/null
F=$("$BIN" formation create --name "Atelier en direct" --description "Un atelier pour les tests" \
  --level beginner --platform zoom --meeting-link https://zoom.us/j/999888777 --meeting-id "999 888 777" \
  --meeting-password atelier --instructor "Jane Smith" --schedule "Tous les jours, 10h-12h")
"$BIN" session add --formation "$F" --number 1 --title "Séance en cours" \
  --at "$(date -u -d '-5 min' +%Y-%m-%dT%H:%M:%SZ)" --duration-minutes 120 >/dev/null
"$BIN" session add --formation "$F" --number 2 --title "Séance bientôt" \
  --at "$(date -u -d '+30 min' +%Y-%m-%dT%H:%M:%SZ)" --duration-minutes 60 \
  --recording-link https://zoom.us/rec/share/atelier-2 >/dev/null
"$BIN" user create --email e2e-nojs@formations.test --name "Sam Test" --password e2e-password-2026 >/dev/null
# The learner who asks for a place without JavaScript (journey.spec.ts).
"$BIN" user create --email demandeur@formations.test --name "Claude Demandeur" --password e2e-password-2026 >/dev/null
# The learner of the admin workflow test.
"$BIN" user create --email candidat@formations.test --name "Dominique Candidat" --password e2e-password-2026 >/dev/null
for learner in e2e@formations.test e2e-nojs@formations.test; do
  "$BIN" enroll --email "$learner" --formation "$F" --start-date "$(date -u -d '-1 day' +%F)" \
    --end-date "$(date -u -d '+10 day' +%F)" --total-sessions 2 >/dev/null
done
# A formation of its own for the attendance-toggle test (feedback.spec.ts),
# so its presses never change another test's figures; a draft, out of the
# catalogue.
"$BIN" user create --email grille@formations.test --name "Grille Test" --password e2e-password-2026 >/dev/null
G=$("$BIN" formation create --draft --name "Atelier grille" --description "Pour la grille de présence" \
  --level beginner --platform zoom --meeting-link https://zoom.us/j/555444333 \
  --instructor "Jane Smith" --schedule "Lun, 10h")
"$BIN" session add --formation "$G" --number 1 --title "Séance passée" \
  --at "$(date -u -d '-2 day' +%Y-%m-%dT%H:%M:%SZ)" --duration-minutes 60 >/dev/null
"$BIN" enroll --email grille@formations.test --formation "$G" --start-date "$(date -u -d '-3 day' +%F)" \
  --end-date "$(date -u -d '+10 day' +%F)" --total-sessions 1 >/dev/null
exec "$BIN" serve
