#!/usr/bin/env bash
# The whole test suite: unit, domain and integration tests (vitest) against the built app — on PGlite, and what the
# database decides on PostgreSQL too when TEST_DATABASE_URL is set — then (or beside them, see below) the browser
# tests (Playwright in Debian's Chromium).
# Ends with one summary line "N passed, N failed" over both runners.
set -uo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
bash scripts/system-deps.sh --with-browser || exit 1
[ -d node_modules ] || npm install --no-audit --no-fund || exit 1
npx prisma generate >/dev/null || exit 1
started=$SECONDS
# DOITONG_PREBUILT=1: the caller has just built this checkout (.ci/run builds beside its static checks).
if [ "${DOITONG_PREBUILT:-}" = 1 ] && [ -f .next/BUILD_ID ]; then
  timings="build done before"
else
  npx next build >/tmp/doitong-build.log 2>&1 || { cat /tmp/doitong-build.log; exit 1; }
  timings="build $((SECONDS - started))s"
fi

reports=$(mktemp -d)
# The specs that change server-wide prices and provider switches run after all the others, on their own server
# (playwright.config.ts). As a project dependency alone, one failure elsewhere would skip them unseen, so they are a
# second run here, with --no-deps, whatever the first one found.
e2e() {
  PLAYWRIGHT_JSON_OUTPUT_NAME="$reports/playwright.json" npx playwright test --project chromium --reporter=list,json
  local rest=$?
  PLAYWRIGHT_JSON_OUTPUT_NAME="$reports/playwright-server-wide.json" npx playwright test --project server-wide --no-deps --reporter=list,json
  local server_wide=$?
  [ $rest -eq 0 ] && [ $server_wide -eq 0 ]
}
# DOITONG_E2E_ALONGSIDE=1 (.ci/run): the browser tests run beside vitest instead of after it, against their own
# server from the same build — vitest's integration files spend much of their time waiting on servers, vendor
# fakes and polls, and CI's 10 minutes are wall time. Their output follows vitest's.
if [ "${DOITONG_E2E_ALONGSIDE:-}" = 1 ]; then
  ( started=$SECONDS; e2e >"$reports/playwright.log" 2>&1; status=$?; echo "$((SECONDS - started))" >"$reports/playwright.seconds"; exit $status ) &
  e2e_pid=$!
fi
started=$SECONDS
# CPU seconds per test file (tests/helpers/file-cpu.ts): CI on two cores is bound by the CPU, not by waits.
export DOITONG_FILE_CPU="${DOITONG_FILE_CPU:-$reports/file-cpu.jsonl}"
npx vitest run --reporter=default --reporter=json --outputFile="$reports/vitest.json" "$@"
vitest_status=$?
timings+=", vitest $((SECONDS - started))s"
if [ -n "${e2e_pid:-}" ]; then
  wait "$e2e_pid"
  playwright_status=$?
  cat "$reports/playwright.log"
  timings+=", playwright $(cat "$reports/playwright.seconds" 2>/dev/null || echo "?")s (beside vitest)"
else
  started=$SECONDS
  e2e
  playwright_status=$?
  timings+=", playwright $((SECONDS - started))s"
fi
echo "Took: $timings"

node -e '
  const fs = require("fs");
  const read = (f) => { try { return JSON.parse(fs.readFileSync(f, "utf8")); } catch { return undefined; } };
  const v = read(process.argv[1]);
  // Both browser runs (e2e above); a missing report counts as a failure.
  const runs = [read(process.argv[2]), read(process.argv[3])];
  const p = runs.every(Boolean) ? { stats: Object.fromEntries(["expected", "flaky", "unexpected", "skipped"].map((k) => [k, runs.reduce((n, r) => n + (r.stats[k] ?? 0), 0)])) } : undefined;
  // The slowest test files (a file run by both projects appears twice): where CI time goes, in the last lines.
  const slow = (v?.testResults ?? []).map((r) => [r.endTime - r.startTime, r.name.replace(process.cwd() + "/", "")]).sort((a, b) => b[0] - a[0]);
  if (slow.length) console.log("Slowest: " + slow.slice(0, 12).map(([ms, name]) => `${name} ${Math.round(ms / 1000)}s`).join(", "));
  const cpu = (() => { try { return fs.readFileSync(process.argv[4], "utf8").trim().split("\n").filter(Boolean).map((l) => JSON.parse(l)); } catch { return []; } })();
  if (cpu.length) {
    const total = cpu.reduce((n, f) => n + f.cpu, 0);
    cpu.sort((a, b) => b.cpu - a.cpu);
    console.log(`Most CPU (${Math.round(total)} CPU-s over ${cpu.length} files, servers and their tools included): ` + cpu.slice(0, 12).map((f) => `${f.file} ${Math.round(f.cpu)}s`).join(", "));
  }
  const passed = (v?.numPassedTests ?? 0) + (p?.stats?.expected ?? 0) + (p?.stats?.flaky ?? 0);
  const failed = (v ? v.numFailedTests : 1) + (p ? p.stats.unexpected : 1);
  const skipped = (v?.numPendingTests ?? 0) + (p?.stats?.skipped ?? 0);
  console.log(`${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : ""));
' "$reports/vitest.json" "$reports/playwright.json" "$reports/playwright-server-wide.json" "$DOITONG_FILE_CPU"
rm -rf "$reports"
[ $vitest_status -eq 0 ] && [ $playwright_status -eq 0 ]
