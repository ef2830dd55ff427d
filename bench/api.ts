// npm run bench — throughput and latency of the API on a started production server, beside a trivial query on
// the same server as the floor. Prints a table and writes bench/results/latest.json.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import autocannon from "autocannon";
import { startServer, waitForGeneration } from "../tests/helpers/server";

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);

interface Row {
  name: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

// Benchmarks measure the production build; make one if there is none.
if (!fs.existsSync(`${process.env.NEXT_DIST_DIR || ".next"}/BUILD_ID`)) {
  spawnSync("npx", ["next", "build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
}

const server = await startServer({ DOITONG_DEMO_ACCOUNT: "off" });
try {
  const { apiKey } = await server.createAccount({ plan: "ENTERPRISE", credits: 100_000_000 });
  const headers = { "content-type": "application/json", authorization: `Bearer ${apiKey}` };
  const seed = await server.gql<{ generate: { id: string } }>(
    `mutation { generate(input: { type: IMAGE, input: { text: "bench" }, options: { resolution: "480p" } }) { id } }`,
    {},
    { apiKey },
  );
  const id = seed.body.data!.generate.id;
  await waitForGeneration(server, apiKey, id);

  const cases: [string, string][] = [
    ["trivial query { __typename }", `{ __typename }`],
    ["generation(id) poll", `{ generation(id: "${id}") { id status progress url metadata { width height format } } }`],
    ["providers(type: VIDEO)", `{ providers(type: VIDEO) { id name pricing { creditCost } options { name allowedValues } } }`],
    ["generate (IMAGE, local)", `mutation { generate(input: { type: IMAGE, input: { text: "bench" }, options: { resolution: "480p" } }) { id status } }`],
  ];
  const rows: Row[] = [];
  for (const [name, query] of cases) {
    const result = await autocannon({
      url: `${server.url}/graphql`,
      method: "POST",
      headers,
      body: JSON.stringify({ query }),
      connections: CONNECTIONS,
      duration: DURATION,
    });
    rows.push({
      name,
      requestsPerSecond: Math.round(result.requests.average),
      p50: result.latency.p50,
      p99: result.latency.p99,
      errors: result.errors,
      non2xx: result.non2xx,
    });
  }
  const floor = rows[0].requestsPerSecond;
  console.log(`\n${CONNECTIONS} connections, ${DURATION} s each, server RSS ${server.rssMiB().toFixed(0)} MiB after the run\n`);
  console.log("| case | req/s | % of floor | p50 ms | p99 ms | errors | non-2xx |\n|---|---|---|---|---|---|---|");
  for (const r of rows) {
    console.log(`| ${r.name} | ${r.requestsPerSecond} | ${Math.round((100 * r.requestsPerSecond) / floor)}% | ${r.p50} | ${r.p99} | ${r.errors} | ${r.non2xx} |`);
  }
  fs.mkdirSync("bench/results", { recursive: true });
  fs.writeFileSync("bench/results/latest.json", JSON.stringify({ connections: CONNECTIONS, duration: DURATION, rssMiB: server.rssMiB(), rows }, null, 2));
} finally {
  await server.stop();
}
