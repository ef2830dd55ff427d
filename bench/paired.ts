// npx tsx bench/paired.ts — two builds side by side, one client, one request at a time: blocks of N requests
// alternate between the servers (A B, then B A, …), so that both see the same machine while it changes under them.
// Prints each build's p50 of all its requests and its CPU per request (from /proc), per case.
//   DIRS (".next,.next-b"), N (100 per block), BLOCKS (10), CASES (poll,gen), RUNNER (off; "on": the polled
//   generation is finished), PG (a PostgreSQL server URL: a throwaway database per server), RURL (Redis for the
//   limiter; each server gets its own DOITONG_REDIS_PREFIX), LIMITS ("on": the account's limits are checked on every
//   generate, as in bench/api.ts's "limits on" rows; unset: unlimited).
import http from "node:http";
import { waitForGeneration } from "../tests/helpers/server";
import { GENERATE_TEST, postGraphql, processCpuMs, quantile, type Side, startSide } from "./measure";

const dirs = (process.env.DIRS ?? ".next,.next-b").split(",");
const N = Number(process.env.N ?? 100);
const BLOCKS = Number(process.env.BLOCKS ?? 10);
const cases = (process.env.CASES ?? "poll,gen").split(",");
const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });

interface Paired extends Side {
  poll: string;
  times: Record<string, number[]>;
  cpu: Record<string, number>;
}
const sides: Paired[] = [];
try {
  for (const [i, dir] of dirs.entries()) {
    const side = await startSide(i, dir, { pg: process.env.PG, redis: process.env.RURL, runner: process.env.RUNNER === "on", limits: process.env.LIMITS === "on" ? "on" : "off" });
    if (process.env.RUNNER === "on") await waitForGeneration(side.server, side.apiKey, side.generationId);
    const poll = `{ generation(id: "${side.generationId}") { id status progress url metadata { width height format } } }`;
    sides.push({ ...side, poll, times: {}, cpu: {} });
  }
  const bodies: Record<string, (s: Paired) => string> = { poll: (s) => JSON.stringify({ query: s.poll }), gen: () => JSON.stringify({ query: GENERATE_TEST }) };
  // Warm-up: a block each, not counted.
  for (const s of sides) for (const c of cases) for (let i = 0; i < N; i++) await postGraphql(agent, s.server.url, bodies[c](s), { authorization: `Bearer ${s.apiKey}` });
  for (let b = 0; b < BLOCKS; b++) {
    const order = b % 2 === 0 ? sides : [...sides].reverse();
    for (const c of cases) {
      for (const s of order) {
        const body = bodies[c](s);
        const c0 = processCpuMs(s.server.pid());
        for (let i = 0; i < N; i++) {
          const r = await postGraphql(agent, s.server.url, body, { authorization: `Bearer ${s.apiKey}` });
          if (r.text.includes('"errors"')) throw new Error(`${s.dir} ${c}: ${r.text.slice(0, 300)}`);
          (s.times[c] ??= []).push(r.total);
        }
        s.cpu[c] = (s.cpu[c] ?? 0) + processCpuMs(s.server.pid()) - c0;
      }
    }
  }
  for (const c of cases) {
    for (const s of sides) {
      console.log(
        `${c.padEnd(5)} ${s.dir.padEnd(12)} p50 ${quantile(s.times[c], 0.5).toFixed(3)} ms  cpu/req ${(s.cpu[c] / (N * BLOCKS)).toFixed(3)} ms  (${N * BLOCKS} requests)`,
      );
    }
  }
} finally {
  for (const s of sides) await s.stop();
}
