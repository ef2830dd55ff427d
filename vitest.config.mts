import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import LongestFirst from "./tests/helpers/sequencer.ts";

// graphql must resolve to one copy, or Yoga and our schema disagree about GraphQLSchema's realm.
const graphqlEntry = fileURLToPath(import.meta.resolve("graphql"));
const resolve = { alias: { "@": fileURLToPath(new URL("./", import.meta.url)), graphql: graphqlEntry } };

// file-cpu.ts: CPU seconds per file when DOITONG_FILE_CPU names a report (scripts/test.sh's "Most CPU" line).
// The test processes open PGlite (domain files, one database each) and run Prisma's query compiler, both WebAssembly
// that V8 otherwise recompiles with its optimising tier while it runs once-only start-up code: the budget the servers
// start with (tests/helpers/server.ts) took four domain files from ~24 to ~18 CPU-s.
const shared = {
  // One folder per run for the previews that fakes and the sandbox render (tests/helpers/preview-cache.ts).
  globalSetup: ["tests/helpers/preview-cache.ts"],
  testTimeout: 90_000,
  hookTimeout: 180_000,
  pool: "forks" as const,
  // server-guard.ts: a failing test prints its servers' logs, and a server a file left running is stopped.
  setupFiles: ["tests/helpers/file-cpu.ts", "tests/helpers/server-guard.ts"],
  execArgv: ["--wasm-tiering-budget=180000000"],
};
// One migrated PGlite data directory per run, copied for every embedded database (tests/helpers/pglite-template.ts).
const pgliteTemplate = [...shared.globalSetup, "tests/helpers/pglite-template.ts"];

// The "postgres" and "domain-postgres" projects re-run on real PostgreSQL only what the database decides: row locks
// and transactions deciding who gets the money, the slot or the Idempotency-Key (accounts, credits, concurrent
// generations — tests/domain, fast, plus limits.test.ts over HTTP), Stripe events applied once however concurrent (billing), leases
// and claims taken over after kill -9 or SIGTERM and connections cut mid-run (recovery, faults' process part),
// the webhook outbox claimed with SKIP LOCKED and kept across a kill (webhooks' retries and kill), and the Inngest
// workflow's steps on the same rows. Within these files, cases the database cannot change (vendor faults, Redis,
// Stripe's fake, signing) skip themselves on PostgreSQL (`onPostgres`). Everything else — auth, the schema,
// uploads and media, samples, security limits, routing — is the same code over the same Prisma adapter whatever
// the database, and runs once, on PGlite. migrations.test.ts covers both databases itself; scale-out.test.ts
// and observability.test.ts run their servers on PostgreSQL themselves.
const POSTGRES_RERUNS = ["limits", "billing", "recovery", "faults", "webhooks", "inngest-function"].map((name) => `tests/integration/${name}.test.ts`);

// The domain tests (lib/ verbs in the test process, tests/helpers/domain.ts), on PGlite and again on PostgreSQL
// ("domain-postgres", with TEST_DATABASE_URL): one worker runs file after file without a new process and without
// re-importing lib/ for each (a domain file's fixed cost was ~4 CPU-s, now ~0.7 on PGlite and ~0.15 on PostgreSQL),
// each file on a database of its own that domain-file.ts makes; what a file leaves in the process (environment,
// caches of its database, connections, workers) is undone when it ends.
const DOMAIN = ["tests/domain/**/*.test.ts"];
const domain = { ...shared, include: DOMAIN, isolate: false, setupFiles: [...shared.setupFiles, "tests/helpers/domain-file.ts"] };

// The adapters against their vendor fakes (tests/providers): no server, no database, no process-wide state, so
// one worker runs file after file without re-importing lib/ for each (isolate: false; a quarter less CPU for these
// files). viggle.test.ts mocks a module (vi.mock), which must not leak into the next file: it stays isolated.
const PROVIDERS = ["tests/providers/**/*.test.ts"];
const MOCKING = ["tests/providers/viggle.test.ts"];
// The same for tests/unit (no server, no database): one process runs file after file (86 → 47 CPU-s for the
// directory, one worker). Those that set process state the next file would inherit stay isolated ("unit-isolated"):
// process.env read through lib/env.ts's cached settings, the shared Redis connection they disconnect, an embedded
// database of their own.
const UNIT = ["tests/unit/**/*.test.ts"];
const UNIT_ISOLATED = [
  "tests/unit/net/public-url.test.ts",
  "tests/unit/sandbox/preview-cache.test.ts",
  "tests/unit/routing/health-store.test.ts",
  "tests/unit/dispatch/callback-signal.test.ts",
  "tests/unit/storage/signed-urls.test.ts",
  "tests/unit/db/after-commit.test.ts",
  "tests/unit/webhooks/inngest-dispatch.test.ts",
  "tests/unit/limits/limiter.test.ts",
];

// The integration files (tests/integration): each starts its own servers, vendor fakes and mailbox, and stops them
// in its afterAll, so one worker runs file after file (isolate: false) without a new process and without importing
// lib/ again for each: the test process's first account (lib/accounts, Prisma's client and its query compiler,
// through tests/helpers/server-db.ts) cost every file ~1 CPU-s, and the fork and vitest's set-up ~0.3 more.
// Those that set process state the next file would inherit stay isolated: inngest-function.test.ts runs the
// workflow in the test process under its own process.env (read once by lib/env.ts).
const INTEGRATION_ISOLATED = ["tests/integration/inngest-function.test.ts"];
const NOT_INTEGRATION = [...PROVIDERS, ...UNIT, ...DOMAIN, "**/node_modules/**"];

// Test files at once (each integration file has its own `next start`). Most of an integration file's time is spent
// waiting (vendor fakes, polls, restarts), not on the CPU: with 2 workers a CI run kept its 2 cores about a third
// busy (the files' CPU seconds, measured one by one, against the run's wall time).
// DOITONG_TEST_WORKERS raises it (.ci/run); 2 for a developer's machine shared with an editor and a browser.
const maxWorkers = Number(process.env.DOITONG_TEST_WORKERS) || 2;

export default defineConfig({
  resolve,
  test: {
    maxWorkers,
    // Longest files first over all projects (tests/durations.json), so no long file starts last.
    sequence: { sequencer: LongestFirst },
    projects: [
      // Integration tests, with servers on the embedded PGlite database.
      {
        resolve,
        test: { ...shared, name: "pglite", include: ["tests/**/*.test.ts"], exclude: [...INTEGRATION_ISOLATED, ...NOT_INTEGRATION], isolate: false, globalSetup: pgliteTemplate },
      },
      { resolve, test: { ...shared, name: "pglite-isolated", include: INTEGRATION_ISOLATED, globalSetup: pgliteTemplate } },
      { resolve, test: { ...domain, name: "domain", globalSetup: pgliteTemplate } },
      { resolve, test: { ...shared, name: "providers", include: PROVIDERS, exclude: [...MOCKING, "**/node_modules/**"], isolate: false } },
      { resolve, test: { ...shared, name: "providers-mocking", include: MOCKING } },
      { resolve, test: { ...shared, name: "unit", include: UNIT, exclude: [...UNIT_ISOLATED, "**/node_modules/**"], isolate: false } },
      { resolve, test: { ...shared, name: "unit-isolated", include: UNIT_ISOLATED } },
      // With TEST_DATABASE_URL (CI), what the database decides again on real PostgreSQL (POSTGRES_RERUNS).
      ...(process.env.TEST_DATABASE_URL
        ? [
            {
              resolve,
              test: { ...shared, name: "postgres", include: POSTGRES_RERUNS, exclude: INTEGRATION_ISOLATED, isolate: false, env: { DOITONG_TEST_DB: "postgres" } },
            },
            {
              resolve,
              test: { ...shared, name: "postgres-isolated", include: POSTGRES_RERUNS.filter((f) => INTEGRATION_ISOLATED.includes(f)), env: { DOITONG_TEST_DB: "postgres" } },
            },
            { resolve, test: { ...domain, name: "domain-postgres", env: { DOITONG_TEST_DB: "postgres" } } },
          ]
        : []),
    ],
  },
});
