// npx tsx bench/paired-load.ts — two builds side by side under load (wrk or autocannon, CONNECTIONS at once): runs
// of SECONDS alternate between the servers (A B, then B A, …), so both see the same machine while it changes under
// them, and each run's p50 and p99 are printed, then each build's median over its runs. For the tail at 50
// connections (issue 22's p99 goal), which one run on this shared machine cannot settle.
//   DIRS (".next,.next-b"), BLOCKS (6), SECONDS (5), CONNECTIONS (50), CASES ("trivial,unfinished": `{ __typename }`
//   with a key, and `generation(id)` of a queued generation), PG (a PostgreSQL server URL: a throwaway database per
//   server; else PGlite), RURL (Redis for the limiter; each server gets its own DOITONG_REDIS_PREFIX).
import { createTestDatabase } from "../tests/helpers/pg";
import { startServer, type TestServer } from "../tests/helpers/server";
import { type Case, GENERATE_TEST, quantile, run } from "./measure";

const dirs = (process.env.DIRS ?? ".next,.next-b").split(",");
const BLOCKS = Number(process.env.BLOCKS ?? 6);
const SECONDS = Number(process.env.SECONDS ?? 5);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 50);
const cases = (process.env.CASES ?? "trivial,unfinished").split(",");

interface Side {
  dir: string;
  server: TestServer;
  drop?: () => Promise<void>;
  cases: Record<string, Case>;
  p50: Record<string, number[]>;
  p99: Record<string, number[]>;
}
const sides: Side[] = [];
try {
  for (const [i, dir] of dirs.entries()) {
    const db = process.env.PG ? await createTestDatabase(`load${i}`, process.env.PG) : undefined;
    const server = await startServer({
      NEXT_DIST_DIR: dir,
      DOITONG_DEMO_ACCOUNT: "off",
      REDIS_URL: process.env.RURL,
      DOITONG_REDIS_PREFIX: `paired-load-${process.pid}-${i}`,
      DATABASE_URL: db?.url,
      // Off: the polled generation stays queued (unfinished), as a client's poll finds it while it waits.
      DOITONG_RUNNER: "off",
    });
    const c = await server.createAccount({ plan: "ENTERPRISE", credits: 100_000_000, keyMode: "test" });
    await server.setLimits(c.accountId, { rpm: 0, parallel: 0, daily: 0 });
    const made = await server.gql<{ generate: { id: string } }>(GENERATE_TEST, {}, { apiKey: c.apiKey });
    const id = made.body.data?.generate.id;
    if (!id) throw new Error(`generate failed on ${dir}: ${JSON.stringify(made.body)}`);
    const all: Record<string, Case> = {
      trivial: { name: "{ __typename }, API key", query: "{ __typename }", apiKey: c.apiKey },
      unfinished: { name: "generation(id), unfinished", query: `{ generation(id: "${id}") { id status progress } }`, apiKey: c.apiKey },
    };
    sides.push({ dir, server, drop: db ? () => db.drop() : undefined, cases: all, p50: {}, p99: {} });
  }
  for (const name of cases) {
    for (let block = 0; block < BLOCKS; block++) {
      const order = block % 2 === 0 ? sides : [...sides].reverse();
      for (const side of order) {
        const r = await run([side.server.url], side.cases[name], CONNECTIONS, SECONDS);
        (side.p50[name] ??= []).push(r.p50);
        (side.p99[name] ??= []).push(r.p99);
        console.log(`${name} block ${block + 1} ${side.dir}: ${r.requestsPerSecond} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms`);
      }
    }
    for (const side of sides) {
      const p99s = side.p99[name].map((v) => v.toFixed(0)).join(" ");
      console.log(`${name} ${side.dir}: median p50 ${quantile(side.p50[name], 0.5)} ms, median p99 ${quantile(side.p99[name], 0.5)} ms (p99s: ${p99s})`);
    }
  }
} finally {
  for (const side of sides) {
    await side.server.stop();
    await side.drop?.();
  }
}
