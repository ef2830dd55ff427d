// npx tsx bench/paired-load.ts — two builds side by side under load (wrk or autocannon, CONNECTIONS at once): runs
// of SECONDS alternate between the servers (A B, then B A, …), so both see the same machine while it changes under
// them, and each run's p50 and p99 are printed, then each build's median over its runs. For the tail at 50
// connections (issue 22's p99 goal), which one run on this shared machine cannot settle.
//   DIRS (".next,.next-b"), BLOCKS (6), SECONDS (5), CONNECTIONS (50), CASES ("trivial,unfinished": `{ __typename }`
//   with a key, and `generation(id)` of a queued generation; also "me", "generate", TEST key, and "idempotent", the same with
//   a fresh Idempotency-Key each, all on one account), PG (a PostgreSQL server URL: a throwaway database per
//   server; else PGlite), RURL (Redis for the limiter; each server gets its own DOITONG_REDIS_PREFIX).
import { type Case, GENERATE_TEST, quantile, run, type Side, startSide } from "./measure";

const dirs = (process.env.DIRS ?? ".next,.next-b").split(",");
const BLOCKS = Number(process.env.BLOCKS ?? 6);
const SECONDS = Number(process.env.SECONDS ?? 5);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 50);
const cases = (process.env.CASES ?? "trivial,unfinished").split(",");

interface Loaded extends Side {
  cases: Record<string, Case>;
  p50: Record<string, number[]>;
  p99: Record<string, number[]>;
}
const sides: Loaded[] = [];
try {
  for (const [i, dir] of dirs.entries()) {
    // The runner off: the polled generation stays queued (unfinished), as a client's poll finds it while it waits.
    const side = await startSide(i, dir, { pg: process.env.PG, redis: process.env.RURL, runner: false });
    const all: Record<string, Case> = {
      trivial: { name: "{ __typename }, API key", query: "{ __typename }", apiKey: side.apiKey },
      unfinished: { name: "generation(id), unfinished", query: `{ generation(id: "${side.generationId}") { id status progress } }`, apiKey: side.apiKey },
      me: { name: "me (auth + account read)", query: `{ me { plan credits } }`, apiKey: side.apiKey },
      generate: { name: "generate, TEST key", query: GENERATE_TEST, apiKey: side.apiKey },
      idempotent: { name: "generate, TEST key, fresh Idempotency-Key", query: GENERATE_TEST, apiKey: side.apiKey, idempotency: "fresh" },
    };
    sides.push({ ...side, cases: all, p50: {}, p99: {} });
  }
  for (const name of cases) {
    for (let block = 0; block < BLOCKS; block++) {
      const order = block % 2 === 0 ? sides : [...sides].reverse();
      for (const side of order) {
        const r = await run([side.server.url], side.cases[name], { connections: CONNECTIONS, duration: SECONDS });
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
  for (const side of sides) await side.stop();
}
