// npm run bench -- --instances 2 — the same API load on two instances behind one PostgreSQL and one Redis, as
// production runs, and proof that what must be exact stays exact across them: a per-minute limit lets exactly its
// number of requests through, and duplicate Idempotency-Keys spread over both instances make exactly one
// generation (and one reservation) each.
//   BENCH_DATABASE_URL or TEST_DATABASE_URL (a PostgreSQL server; a throwaway database is made on it),
//   BENCH_REDIS_URL or TEST_REDIS_URL, BENCH_SECONDS (10), BENCH_CONNECTIONS (50, split over the instances).
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { createTestDatabase } from "../tests/helpers/pg";
import { startServer, type TestServer } from "../tests/helpers/server";
import { type Case, CONNECTIONS, DURATION, GENERATE_LOCAL, GENERATE_TEST, run, samplePeakRss } from "./measure";

const LIMIT_PER_MINUTE = 1_000;
const IDEMPOTENCY_KEYS = 50;

export async function benchTwoInstances(count: number): Promise<void> {
  const pgUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  const redisUrl = process.env.BENCH_REDIS_URL ?? process.env.TEST_REDIS_URL;
  if (!pgUrl || !redisUrl) {
    console.error("--instances needs a PostgreSQL server and a Redis: set BENCH_DATABASE_URL (or TEST_DATABASE_URL) and BENCH_REDIS_URL (or TEST_REDIS_URL)");
    process.exit(2);
  }
  const database = await createTestDatabase("bench", pgUrl);
  const shared = {
    DATABASE_URL: database.url,
    REDIS_URL: redisUrl,
    DOITONG_REDIS_PREFIX: `bench-${randomBytes(4).toString("hex")}`,
    DOITONG_SECRET: randomBytes(32).toString("hex"),
    DOITONG_DEMO_ACCOUNT: "off",
    DOITONG_RUNNER: "off", // the API's own cost; accepted generations queue
  };
  const servers: TestServer[] = [];
  try {
    for (let i = 0; i < count; i++) servers.push(await startServer(shared));
    const urls = servers.map((s) => s.url);
    const [first] = servers;
    const account = async (limits: string[], keyMode: "live" | "test" = "live") => {
      const created = await first.createAccount({ plan: "ENTERPRISE", credits: 100_000_000, keyMode });
      await first.admin("set-limits", "--account", created.accountId, ...limits);
      return created.apiKey;
    };
    const high = ["--rpm", "1000000000", "--parallel", "100000000", "--daily", "1000000000"];
    const [load, testKey, limited, idempotent] = [await account(high), await account(high, "test"), await account(["--rpm", String(LIMIT_PER_MINUTE)]), await account(high)];
    const seed = await first.gql<{ generate: { id: string } }>(GENERATE_LOCAL, {}, { apiKey: load });
    const id = seed.body.data!.generate.id;
    const poll = `{ generation(id: "${id}") { id status progress url } }`;

    const peak = samplePeakRss(servers);
    // autocannon here whatever is installed: the exactness checks count every status code and response body.
    const load1 = (c: Case) => run(urls, c, { generator: "autocannon" });
    // A case that is counted exactly gets no probe and no warm-up: their requests would be counted too (the window
    // spent before it is measured, a generation for the probe's own key).
    const exactly = (c: Case) => run(urls, c, { generator: "autocannon", warmup: 0, probe: false });
    const floor = await load1({ name: "trivial query { __typename } (floor)", query: `{ __typename }`, apiKey: load });
    const rows = [
      floor,
      // The runner is off: the generation stays QUEUED, so every poll is a database read.
      await load1({ name: "generation(id) poll, unfinished", query: poll, apiKey: load }),
      await load1({ name: "generate, TEST key, limits on", query: GENERATE_TEST, apiKey: testKey }),
      await exactly({ name: `me, limit ${LIMIT_PER_MINUTE}/min (exactness)`, query: `{ me { plan } }`, apiKey: limited }),
      await exactly({
        name: `generate, ${IDEMPOTENCY_KEYS} Idempotency-Keys repeated (exactness)`,
        query: GENERATE_LOCAL,
        apiKey: idempotent,
        idempotency: { keys: Array.from({ length: IDEMPOTENCY_KEYS }, (_, i) => `bench-key-${i}`) },
      }),
    ];
    const peakRss = peak();

    // Exactness, counted at the end from the database and the responses.
    const limitedRow = rows[3];
    const idemRow = rows[4];
    const generations = await countGenerations(first, idempotent);
    const ledger = await first.gql<{ creditLedger: { nodes: { kind: string }[] } }>(`{ creditLedger(first: 100) { nodes { kind } } }`, {}, { apiKey: idempotent });
    const reserves = ledger.body.data!.creditLedger.nodes.filter((e) => e.kind === "RESERVE").length;
    const checks = [
      [
        `rate limit: exactly ${LIMIT_PER_MINUTE} of ${sum(limitedRow.statuses)} requests answered 200 (the rest 429)`,
        limitedRow.statuses["200"] === LIMIT_PER_MINUTE && sum(limitedRow.statuses) === LIMIT_PER_MINUTE + (limitedRow.statuses["429"] ?? 0),
        JSON.stringify(limitedRow.statuses),
      ],
      [
        `idempotency: ${sum(idemRow.statuses)} requests with ${IDEMPOTENCY_KEYS} keys made exactly ${IDEMPOTENCY_KEYS} generations`,
        generations === IDEMPOTENCY_KEYS,
        `${generations} generations`,
      ],
      [
        `idempotency: exactly ${IDEMPOTENCY_KEYS} reservations in the ledger, every request answered 200`,
        reserves === IDEMPOTENCY_KEYS && idemRow.statuses["200"] === sum(idemRow.statuses) && idemRow.graphqlErrors === 0,
        `${reserves} RESERVE entries; ${JSON.stringify(idemRow.statuses)}, ${idemRow.graphqlErrors} GraphQL errors`,
      ],
    ] as const;

    console.log(`\n${count} instances, one PostgreSQL and one Redis; ${CONNECTIONS} connections split over them, ${DURATION} s per case\n`);
    console.log("| case | req/s (all instances) | % of floor | worst p50 ms | worst p99 ms | statuses | GraphQL errors |\n|---|---|---|---|---|---|---|");
    for (const r of rows)
      console.log(
        `| ${r.name} | ${r.requestsPerSecond} | ${Math.round((100 * r.requestsPerSecond) / floor.requestsPerSecond)}% | ${r.p50} | ${r.p99} | ${JSON.stringify(r.statuses)} | ${r.graphqlErrors} |`,
      );
    console.log(`| resident memory, peak of any instance | ${peakRss.toFixed(0)} MiB | | | | | |`);
    console.log("\nExact across instances:");
    for (const [what, ok, actual] of checks) console.log(`  ${ok ? "yes" : "NO "}  ${what} (${actual})`);
    fs.mkdirSync("bench/results", { recursive: true });
    fs.writeFileSync("bench/results/two-instances.json", JSON.stringify({ instances: count, connections: CONNECTIONS, duration: DURATION, rows, peakRss, checks }, null, 2));
    if (!checks.every(([, ok]) => ok)) process.exitCode = 1;
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await database.drop();
  }
}

const sum = (statuses: Record<string, number>) => Object.values(statuses).reduce((a, b) => a + b, 0);

async function countGenerations(server: TestServer, apiKey: string): Promise<number> {
  let total = 0;
  let after: string | null = null;
  for (;;) {
    const res: { body: { data?: { generations: { nodes: unknown[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } } } | null } } = await server.gql(
      `query($after: String) { generations(first: 100, after: $after) { nodes { id } pageInfo { endCursor hasNextPage } } }`,
      { after },
      { apiKey },
    );
    const page = res.body.data!.generations;
    total += page.nodes.length;
    if (!page.pageInfo.hasNextPage) return total;
    after = page.pageInfo.endCursor;
  }
}
