// Shared by the benchmarks: one autocannon run per case, and the server's resident memory sampled meanwhile.
import { randomUUID } from "node:crypto";
import autocannon from "autocannon";
import type { TestServer } from "../tests/helpers/server";

export const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
/** The goals are stated at 50 connections (issue 8): p99 under 100 ms there. */
export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);

export interface Case {
  name: string;
  query: string;
  apiKey: string;
  /** A fresh Idempotency-Key per request, or one of `keys` keys in turn. */
  idempotency?: "fresh" | { keys: string[] };
}

export interface Row {
  name: string;
  requestsPerSecond: number;
  percentOfFloor: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  /** 2xx responses whose GraphQL body still carried errors (a benchmark of failures is no benchmark). */
  graphqlErrors: number;
  statuses: Record<string, number>;
}

/** Runs `c` against every url at once (connections split between them); statuses are summed. */
export async function run(urls: string[], c: Case, connections = CONNECTIONS, duration = DURATION): Promise<Omit<Row, "percentOfFloor">> {
  let turn = 0;
  let graphqlErrors = 0;
  const onResponse = (status: number, body: string) => {
    if (status < 300 && body.includes('"errors"')) graphqlErrors += 1;
  };
  const setupRequest = (req: autocannon.Request): autocannon.Request => {
    if (!c.idempotency) return req;
    const key = c.idempotency === "fresh" ? randomUUID() : c.idempotency.keys[turn++ % c.idempotency.keys.length];
    return { ...req, headers: { ...req.headers, "idempotency-key": key } };
  };
  const results = await Promise.all(
    urls.map((url) =>
      autocannon({
        url: `${url}/graphql`,
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${c.apiKey}` },
        body: JSON.stringify({ query: c.query }),
        connections: Math.max(1, Math.round(connections / urls.length)),
        duration,
        requests: [{ setupRequest, onResponse }],
      }),
    ),
  );
  const statuses: Record<string, number> = {};
  for (const r of results) {
    for (const [code, n] of Object.entries(r.statusCodeStats ?? {})) statuses[code] = (statuses[code] ?? 0) + ((n).count ?? 0);
  }
  return {
    name: c.name,
    requestsPerSecond: Math.round(results.reduce((n, r) => n + r.requests.average, 0)),
    // With one server these are exact; with several, the worst instance's.
    p50: Math.max(...results.map((r) => r.latency.p50)),
    p99: Math.max(...results.map((r) => r.latency.p99)),
    errors: results.reduce((n, r) => n + r.errors, 0),
    non2xx: results.reduce((n, r) => n + r.non2xx, 0),
    graphqlErrors,
    statuses,
  };
}

export async function measure(server: TestServer, cases: Case[]): Promise<Row[]> {
  const rows: Row[] = [];
  for (const c of cases) {
    const row = await run([server.url], c);
    rows.push({ ...row, percentOfFloor: Math.round((100 * row.requestsPerSecond) / (rows[0]?.requestsPerSecond ?? row.requestsPerSecond)) });
  }
  return rows;
}

/** Samples a server's resident memory every 250 ms until stopped; returns the peak in MiB. */
export function samplePeakRss(servers: TestServer[]): () => number {
  let peak = 0;
  const timer = setInterval(() => {
    for (const s of servers) {
      try {
        peak = Math.max(peak, s.rssMiB());
      } catch {
        // between a restart's kill and launch
      }
    }
  }, 250);
  return () => {
    clearInterval(timer);
    return peak;
  };
}

export const GENERATE_LOCAL = `mutation { generate(input: { type: IMAGE, input: { text: "bench" }, options: { resolution: "480p" } }) { id status } }`;
/** Without options, routing picks an AI model with a built-in fake, as a test key's generate would. */
export const GENERATE_TEST = `mutation { generate(input: { type: IMAGE, input: { text: "bench" } }) { id status } }`;
