#!/usr/bin/env bash
# The whole test suite: unit and integration tests (vitest) against the built app — on PGlite, and on
# PostgreSQL too when TEST_DATABASE_URL is set — then the browser tests (Playwright in Debian's Chromium).
# Ends with one summary line "N passed, N failed" over both runners.
set -uo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
bash scripts/system-deps.sh --with-browser || exit 1
[ -d node_modules ] || npm install --no-audit --no-fund || exit 1
npx prisma generate >/dev/null || exit 1
npx next build >/tmp/doitong-build.log 2>&1 || { cat /tmp/doitong-build.log; exit 1; }

reports=$(mktemp -d)
npx vitest run --reporter=default --reporter=json --outputFile="$reports/vitest.json" "$@"
vitest_status=$?
PLAYWRIGHT_JSON_OUTPUT_NAME="$reports/playwright.json" npx playwright test --reporter=list,json
playwright_status=$?

node -e '
  const fs = require("fs");
  const read = (f) => { try { return JSON.parse(fs.readFileSync(f, "utf8")); } catch { return undefined; } };
  const v = read(process.argv[1]), p = read(process.argv[2]);
  const passed = (v?.numPassedTests ?? 0) + (p?.stats?.expected ?? 0) + (p?.stats?.flaky ?? 0);
  const failed = (v ? v.numFailedTests : 1) + (p ? p.stats.unexpected : 1);
  const skipped = (v?.numPendingTests ?? 0) + (p?.stats?.skipped ?? 0);
  console.log(`${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : ""));
' "$reports/vitest.json" "$reports/playwright.json"
rm -rf "$reports"
[ $vitest_status -eq 0 ] && [ $playwright_status -eq 0 ]
