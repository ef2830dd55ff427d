// Writes tests/durations.json, the order tests/helpers/sequencer.ts starts test files in (longest first), from
// the durations vitest kept of its last run in this checkout (its results cache, keyed by project and file).
// Run it after a whole `npm test` (CI's numbers are the ones that matter: .ci/run's run leaves the same cache):
//   node scripts/test-durations.mjs            # merges the last run into tests/durations.json
// Files the last run did not include keep their old duration; files that no longer exist are dropped.
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const cacheDir = path.join(root, "node_modules/.vite/vitest");
const table = path.join(root, "tests/durations.json");

const caches = fs.existsSync(cacheDir)
  ? fs
      .readdirSync(cacheDir)
      .map((dir) => path.join(cacheDir, dir, "results.json"))
      .filter((file) => fs.existsSync(file))
  : [];
if (!caches.length) {
  console.error("No vitest results in node_modules/.vite/vitest: run the tests first (npm test).");
  process.exit(1);
}
const old = fs.existsSync(table) ? JSON.parse(fs.readFileSync(table, "utf8")).files : {};
const files = { ...old };
for (const cache of caches) {
  for (const [key, { duration }] of JSON.parse(fs.readFileSync(cache, "utf8")).results) {
    if (duration > 0) files[key] = Math.round(duration);
  }
}
for (const key of Object.keys(files)) {
  if (!fs.existsSync(path.join(root, key.slice(key.indexOf(":") + 1)))) delete files[key];
}
const sorted = Object.fromEntries(Object.entries(files).sort(([a, x], [b, y]) => y - x || a.localeCompare(b)));
const note =
  "Milliseconds per test file (project:path) of a whole run, longest first: the order tests/helpers/sequencer.ts starts files in. Refresh with `node scripts/test-durations.mjs` after `npm test`.";
fs.writeFileSync(table, JSON.stringify({ note, files: sorted }, null, 2) + "\n");
console.log(`${Object.keys(sorted).length} files in ${path.relative(root, table)}`);
