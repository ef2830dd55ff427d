#!/usr/bin/env bash
# The whole test suite: unit and integration tests against the built app (PGlite, and PostgreSQL too when
# TEST_DATABASE_URL is set). Ends with one summary line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-deps.sh --with-browser || exit 1
[ -d node_modules ] || npm ci --no-audit --no-fund || exit 1
npx prisma generate >/dev/null || exit 1
NEXT_TELEMETRY_DISABLED=1 npx next build >/tmp/doitong-build.log 2>&1 || { cat /tmp/doitong-build.log; exit 1; }
report=$(mktemp)
npx vitest run --reporter=default --reporter=json --outputFile="$report" "$@"
status=$?
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed` + (r.numPendingTests ? `, ${r.numPendingTests} skipped` : ""));
' "$report" 2>/dev/null || echo "0 passed, 1 failed"
exit $status
