// npm run bench — throughput and latency of the API on a started production server, each beside a trivial query
// on the same server as the floor. Prints a table and writes bench/results/latest.json.
//   BENCH_SECONDS (10), BENCH_CONNECTIONS (10), BENCH_REDIS_URL (use the Redis limiter instead of in-process)
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import autocannon from "autocannon";
import { startServer, type TestServer, waitForGeneration } from "../tests/helpers/server";

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const GENERATE = `mutation { generate(input: { type: IMAGE, input: { text: "bench" }, options: { resolution: "480p" } }) { id status } }`;

interface Case {
  name: string;
  query: string;
  apiKey: string;
  idempotent?: boolean;
}

interface Row {
  name: string;
  requestsPerSecond: number;
  percentOfFloor: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

const withKey = (req: autocannon.Request): autocannon.Request => ({ ...req, headers: { ...req.headers, "idempotency-key": randomUUID() } });

async function measure(server: TestServer, cases: Case[]): Promise<Row[]> {
  const rows: Row[] = [];
  for (const c of cases) {
    const result = await autocannon({
      url: `${server.url}/graphql`,
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${c.apiKey}` },
      body: JSON.stringify({ query: c.query }),
      connections: CONNECTIONS,
      duration: DURATION,
      ...(c.idempotent ? { requests: [{ setupRequest: withKey }] } : {}),
    });
    const rps = Math.round(result.requests.average);
    rows.push({ name: c.name, requestsPerSecond: rps, percentOfFloor: Math.round((100 * rps) / (rows[0]?.requestsPerSecond ?? rps)), p50: result.latency.p50, p99: result.latency.p99, errors: result.errors, non2xx: result.non2xx });
  }
  return rows;
}

async function account(server: TestServer, limits: string[]): Promise<string> {
  const created = await server.createAccount({ plan: "ENTERPRISE", credits: 100_000_000 });
  await server.admin("set-limits", "--account", created.accountId, ...limits);
  return created.apiKey;
}

// "limits on": every limit is checked (limiter call; day and queue counts under the account lock) but set too
// high to refuse; "limits off": the same account type with every limit 0 (unlimited).
const ON = ["--rpm", "1000000000", "--parallel", "100000000", "--daily", "1000000000"];
const OFF = ["--rpm", "0", "--parallel", "0", "--daily", "0"];

if (!fs.existsSync(`${process.env.NEXT_DIST_DIR || ".next"}/BUILD_ID`)) {
  spawnSync("npx", ["next", "build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
}
const env = { DOITONG_DEMO_ACCOUNT: "off", REDIS_URL: process.env.BENCH_REDIS_URL };
const report: { server: string; rssMiB: number; rows: Row[] }[] = [];

// Reads, on a server whose runner has finished the generation being polled.
const reads = await startServer(env);
try {
  const apiKey = await account(reads, ON);
  const seed = await reads.gql<{ generate: { id: string } }>(GENERATE, {}, { apiKey });
  const id = seed.body.data!.generate.id;
  await waitForGeneration(reads, apiKey, id);
  const rows = await measure(reads, [
    { name: "trivial query { __typename }", query: `{ __typename }`, apiKey },
    { name: "generation(id) poll", query: `{ generation(id: "${id}") { id status progress url metadata { width height format } } }`, apiKey },
    { name: "providers(type: VIDEO)", query: `{ providers(type: VIDEO) { id name pricing { creditCost } options { name allowedValues } } }`, apiKey },
  ]);
  report.push({ server: "reads", rssMiB: reads.rssMiB(), rows });
} finally {
  await reads.stop();
}

// Writes, on a server whose runner is off: accepted generations queue instead of rendering, so the numbers are
// the API's own cost rather than the API sharing two cores with ffmpeg.
const writes = await startServer({ ...env, DOITONG_RUNNER: "off" });
try {
  const limited = await account(writes, ON);
  const unlimited = await account(writes, OFF);
  const rows = await measure(writes, [
    { name: "trivial query { __typename }", query: `{ __typename }`, apiKey: limited },
    { name: "generate, limits off", query: GENERATE, apiKey: unlimited },
    { name: "generate, limits on", query: GENERATE, apiKey: limited },
    { name: "generate, limits on + Idempotency-Key", query: GENERATE, apiKey: limited, idempotent: true },
  ]);
  report.push({ server: "writes (runner off)", rssMiB: writes.rssMiB(), rows });
} finally {
  await writes.stop();
}

const store = process.env.BENCH_REDIS_URL ? "Redis" : "in-process";
console.log(`\n${CONNECTIONS} connections, ${DURATION} s per case, ${store} limiter, ${process.env.DATABASE_URL ? "PostgreSQL" : "embedded PGlite"}\n`);
console.log("| server | case | req/s | % of floor | p50 ms | p99 ms | errors | non-2xx |\n|---|---|---|---|---|---|---|---|");
for (const { server, rssMiB, rows } of report) {
  for (const r of rows) console.log(`| ${server} | ${r.name} | ${r.requestsPerSecond} | ${r.percentOfFloor}% | ${r.p50} | ${r.p99} | ${r.errors} | ${r.non2xx} |`);
  console.log(`| ${server} | resident memory after the run | ${rssMiB.toFixed(0)} MiB | | | | | |`);
}
fs.mkdirSync("bench/results", { recursive: true });
fs.writeFileSync("bench/results/latest.json", JSON.stringify({ connections: CONNECTIONS, duration: DURATION, store, report }, null, 2));
