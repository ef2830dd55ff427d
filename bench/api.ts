// npm run bench — throughput, latency and memory of the API on started production servers, every case stated as a
// share of a reference measured in the same run: graphql-yoga on plain node:http with a trivial schema
// (bench/reference-server.mjs), the limit for a Node GraphQL server on this machine. Other work on the machine
// moves absolute numbers; the shares stay comparable. Prints a table, checks it against issue 22's goals, and
// writes bench/results/latest.json.
//   BENCH_SECONDS (10 per case, after BENCH_WARMUP_SECONDS of uncounted load, 2), BENCH_CONNECTIONS (50; every case also runs at 1), BENCH_REDIS_URL (the Redis
//   limiter instead of in-process), BENCH_DATABASE_URL (a PostgreSQL server: the cases run again on a throwaway
//   database there, after the embedded PGlite), BENCH_LOAD=autocannon (instead of wrk when it is installed).
//   npm run bench -- --instances 2: two instances on one PostgreSQL and Redis instead (bench/two-instances.ts).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { createTestDatabase, type TestDatabase } from "../tests/helpers/pg";
import { startServer, type TestServer, waitForGeneration } from "../tests/helpers/server";
import {
  type Case,
  coldStart,
  CONNECTIONS,
  DURATION,
  GENERATE_LOCAL,
  GENERATE_TEST,
  LIMITS_ON,
  LOAD_GENERATOR,
  measure,
  ofReference,
  PROVIDERS_VIDEO,
  type ReferenceRates,
  type Row,
  run,
  samplePeakRss,
  startReference,
} from "./measure";

if (!fs.existsSync(`${process.env.NEXT_DIST_DIR || ".next"}/BUILD_ID`)) {
  spawnSync("npx", ["next", "build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
}

const at = process.argv.indexOf("--instances");
const instances = at >= 0 ? Number(process.argv[at + 1]) : 1;
if (instances > 1) {
  const { benchTwoInstances } = await import("./two-instances");
  await benchTwoInstances(instances);
  process.exit(); // with the exit code the exactness checks set
}

const COUNTS = [1, CONNECTIONS];
console.log(`Load generator: ${LOAD_GENERATOR}${LOAD_GENERATOR === "autocannon" ? " (wrk is not installed: apt-get install wrk for numbers the generator does not cap)" : ""}`);

const reference = await startReference();
// Our server takes turns of the event loop (lib/server/turns.ts), which the reference as issue 22 defines it does
// not: the same reference taking turns is measured beside it, so that the table shows what that technique alone is
// worth. The goals stay shares of the reference as defined.
const turnsReference = await startReference(true);
const REFERENCE_CASE: Case = { name: "reference: graphql-yoga on node:http, { __typename }", query: `{ __typename }` };
const TURNS_REFERENCE_CASE: Case = { name: "reference taking turns (informational), { __typename }", query: `{ __typename }` };

/** The references at every connection count, measured right before the cases they are compared with. */
async function referenceRates(rows: Row[]): Promise<ReferenceRates> {
  const rates: Required<ReferenceRates> = { plain: new Map(), turns: new Map() };
  const measured = [];
  for (const connections of COUNTS) {
    const plain = await run([reference.url], REFERENCE_CASE, { connections });
    const turns = await run([turnsReference.url], TURNS_REFERENCE_CASE, { connections });
    rates.plain.set(connections, plain.requestsPerSecond);
    rates.turns.set(connections, turns.requestsPerSecond);
    measured.push(plain, turns);
  }
  rows.push(...measured.map((row) => ofReference(row, rates)));
  return rates;
}

async function account(server: TestServer, limits: string[], keyMode: "live" | "test" = "live"): Promise<string> {
  const created = await server.createAccount({ plan: "ENTERPRISE", credits: 100_000_000, keyMode });
  await server.admin("set-limits", "--account", created.accountId, ...limits);
  return created.apiKey;
}

// "limits on": every limit is checked (limiter call; day and queue counts under the account lock) but set too
// high to refuse; "limits off": the same account type with every limit 0 (unlimited).
const ON = ["--rpm", String(LIMITS_ON.rpm), "--parallel", String(LIMITS_ON.parallel), "--daily", String(LIMITS_ON.daily)];
const OFF = ["--rpm", "0", "--parallel", "0", "--daily", "0"];
const env = { DOITONG_DEMO_ACCOUNT: "off", REDIS_URL: process.env.BENCH_REDIS_URL };
const POLL = (id: string) => `{ generation(id: "${id}") { id status progress url metadata { width height format } } }`;

interface Block {
  database: string;
  server: string;
  rssMiB: number;
  peakRssMiB: number;
  rows: Row[];
}
const report: Block[] = [];

async function benchDatabase(label: string, databaseUrl: string | undefined) {
  const databases: TestDatabase[] = [];
  async function benchServer(extra: Record<string, string> = {}): Promise<TestServer> {
    const database = databaseUrl ? await createTestDatabase("bench", databaseUrl) : undefined;
    if (database) databases.push(database);
    return startServer({ ...env, DATABASE_URL: database?.url, ...extra });
  }
  try {
    // Reads, on a server whose runner has finished the generation being polled.
    const reads = await benchServer();
    try {
      const apiKey = await account(reads, ON);
      const seed = await reads.gql<{ generate: { id: string } }>(GENERATE_LOCAL, {}, { apiKey });
      const id = seed.body.data!.generate.id;
      await waitForGeneration(reads, apiKey, id);
      const peak = samplePeakRss([reads]);
      const rows: Row[] = [];
      const rates = await referenceRates(rows);
      rows.push(
        ...(await measure(
          reads,
          [
            { name: "{ __typename }, no key", query: `{ __typename }` },
            { name: "{ __typename }, API key (authenticated trivial query)", query: `{ __typename }`, apiKey },
            { name: "generation(id), finished", query: POLL(id), apiKey },
            { name: "me (auth + account read)", query: `{ me { plan credits } }`, apiKey },
            { name: "providers(type: VIDEO)", query: PROVIDERS_VIDEO, apiKey },
          ],
          rates,
          COUNTS,
        )),
      );
      report.push({ database: label, server: "reads (runner on)", rssMiB: reads.rssMiB(), peakRssMiB: peak(), rows });
    } finally {
      await reads.stop();
    }

    // Writes, on a server whose runner is off: accepted generations queue instead of running, so the numbers are
    // the API's own cost (validate, price, reserve, record, enqueue) rather than the API sharing two cores with renders.
    const writes = await benchServer({ DOITONG_RUNNER: "off" });
    try {
      const testKey = await account(writes, ON, "test");
      const limited = await account(writes, ON);
      const unlimited = await account(writes, OFF);
      // A generation that stays QUEUED (the runner is off).
      const queued = (await writes.gql<{ generate: { id: string } }>(GENERATE_LOCAL, {}, { apiKey: limited })).body.data!.generate.id;
      const peak = samplePeakRss([writes]);
      const rows: Row[] = [];
      const rates = await referenceRates(rows);
      const testKeyCase: Case = { name: "generate, TEST key, limits on", query: GENERATE_TEST, apiKey: testKey };
      rows.push(await coldStart(writes, testKeyCase, rates));
      rows.push(
        ...(await measure(
          writes,
          [
            { name: "generation(id), unfinished", query: POLL(queued), apiKey: limited },
            testKeyCase,
            { name: "generate, live, limits off", query: GENERATE_LOCAL, apiKey: unlimited },
            { name: "generate, live, limits on + Idempotency-Key", query: GENERATE_LOCAL, apiKey: limited, idempotency: "fresh" },
          ],
          rates,
          COUNTS,
        )),
      );
      report.push({ database: label, server: "writes (runner off)", rssMiB: writes.rssMiB(), peakRssMiB: peak(), rows });
    } finally {
      await writes.stop();
    }
  } finally {
    for (const database of databases) await database.drop();
  }
}

try {
  await benchDatabase("PGlite", undefined);
  if (process.env.BENCH_DATABASE_URL) await benchDatabase("PostgreSQL", process.env.BENCH_DATABASE_URL);
} finally {
  reference.child.kill("SIGTERM");
  turnsReference.child.kill("SIGTERM");
}

const store = process.env.BENCH_REDIS_URL ? "Redis" : "in-process";
console.log(`\n${LOAD_GENERATOR}, ${DURATION} s per case, ${store} limiter; % is of the reference at the same connection count, measured just before\n`);
console.log(
  "| database | server | case | conns | req/s | % of reference | % of reference taking turns | p50 ms | p99 ms | errors | non-2xx | GraphQL errors |\n|---|---|---|---|---|---|---|---|---|---|---|---|",
);
for (const { database, server, rssMiB, peakRssMiB, rows } of report) {
  for (const r of rows) {
    console.log(
      `| ${database} | ${server} | ${r.name} | ${r.connections} | ${r.requestsPerSecond} | ${r.percentOfReference}% | ${r.percentOfTurnsReference === undefined ? "–" : `${r.percentOfTurnsReference}%`} | ${r.p50} | ${r.p99} | ${r.errors} | ${r.non2xx} | ${r.graphqlErrors} |`,
    );
  }
  console.log(`| ${database} | ${server} | resident memory: after the run / peak | | ${rssMiB.toFixed(0)} / ${peakRssMiB.toFixed(0)} MiB | | | | | | | |`);
}

// The goals of issue 22 on this 2-core machine, checked against this run for every database measured.
const goals: (readonly [string, boolean, string])[] = [];
for (const database of [...new Set(report.map((b) => b.database))]) {
  const blocks = report.filter((b) => b.database === database);
  const measured = blocks.flatMap((b) => b.rows).filter((r) => !r.cold);
  const row = (name: string, connections: number) => measured.find((r) => r.name.startsWith(name) && r.connections === connections)!;
  const share = (name: string, least: number) => {
    const { percentOfReference, percentOfTurnsReference } = row(name, CONNECTIONS);
    return [
      `${database}: ${name} ≥ ${least}% of the reference`,
      percentOfReference >= least,
      `${percentOfReference}%; of the reference taking turns, ${percentOfTurnsReference}%`,
    ] as const;
  };
  const reads = measured.filter((r) => r.connections === CONNECTIONS && !r.name.startsWith("generate") && !r.name.startsWith("reference"));
  const worst = Math.max(...reads.map((r) => r.p99));
  // The goals in milliseconds are absolute, set on the machine the issue measured (the reference at 8,672 req/s).
  // Beside each, the reference's own figures in the same run (measured before each server): where the reference
  // itself misses a goal, the machine is too slow to meet it, whatever the server does.
  const references = measured.filter((r) => r.name === REFERENCE_CASE.name);
  const beside = (connections: number, of: "p50" | "p99") => {
    const values = references.filter((r) => r.connections === connections).map((r) => r[of]);
    const [least, most] = [Math.min(...values), Math.max(...values)];
    return `; the reference's ${of}: ${least === most ? least : `${least}–${most}`} ms`;
  };
  goals.push(
    share("{ __typename }, API key", 50),
    share("generation(id), finished", 45),
    share("generation(id), unfinished", 25),
    share("generate, TEST key", 12),
    [`${database}: p99 < 100 ms at ${CONNECTIONS} connections, every read case`, worst < 100, `worst ${worst} ms${beside(CONNECTIONS, "p99")}`],
    [`${database}: generate (TEST key) p50 ≤ 3 ms at 1 connection`, row("generate, TEST key", 1).p50 <= 3, `${row("generate, TEST key", 1).p50} ms${beside(1, "p50")}`],
    [
      `${database}: generation(id) p50 ≤ 0.5 ms at 1 connection`,
      Math.max(row("generation(id), finished", 1).p50, row("generation(id), unfinished", 1).p50) <= 0.5,
      `finished ${row("generation(id), finished", 1).p50} ms, unfinished ${row("generation(id), unfinished", 1).p50} ms${beside(1, "p50")}`,
    ],
    [`${database}: resident memory < 700 MB after the bench`, blocks.every((b) => b.rssMiB < 700), blocks.map((b) => `${b.rssMiB.toFixed(0)} MiB`).join(", ")],
  );
}
const referenceRate = Math.min(
  ...report
    .flatMap((b) => b.rows)
    .filter((r) => r.name === REFERENCE_CASE.name && r.connections === CONNECTIONS)
    .map((r) => r.requestsPerSecond),
);
console.log(
  `\nGoals (issue 22). This machine ran the reference at ${referenceRate} req/s at ${CONNECTIONS} connections (the slowest of its measurements); the issue's machine, at 8,672:`,
);
for (const [goal, met, actual] of goals) console.log(`  ${met ? "met    " : "NOT met"}  ${goal} (${actual})`);
// The goals are a server in service's; what its first clients meet after a start is shown beside them.
for (const { database, rows } of report) {
  for (const r of rows.filter((row) => row.cold)) console.log(`  (cold)   ${database}: ${r.name}: p50 ${r.p50} ms, p99 ${r.p99} ms`);
}
fs.mkdirSync("bench/results", { recursive: true });
fs.writeFileSync("bench/results/latest.json", JSON.stringify({ loadGenerator: LOAD_GENERATOR, connections: COUNTS, duration: DURATION, store, report, goals }, null, 2));
