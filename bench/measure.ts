// Shared by the benchmarks: one load-generator run per case (wrk when installed, autocannon otherwise), and the
// server's resident memory sampled meanwhile.
import { type ChildProcess, execFile, spawn, spawnSync } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import autocannon from "autocannon";
import { createTestDatabase } from "../tests/helpers/pg";
import { startServer, type TestServer } from "../tests/helpers/server";

/**
 * One POST to `<url>/graphql` on the caller's keep-alive agent, for the benches that send one request at a time
 * (sequential.ts, paired.ts): time to the first byte and to the end, in ms, and the body.
 */
export function postGraphql(agent: http.Agent, url: string, body: string, headers: Record<string, string> = {}): Promise<{ ttfb: number; total: number; text: string }> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const u = new URL(url + "/graphql");
    const r = http.request(
      {
        host: u.hostname,
        port: u.port,
        path: u.pathname,
        method: "POST",
        agent,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), ...headers },
      },
      (res) => {
        const ttfb = Number(process.hrtime.bigint() - t0) / 1e6;
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (d) => (text += d));
        res.on("end", () => resolve({ ttfb, total: Number(process.hrtime.bigint() - t0) / 1e6, text }));
      },
    );
    r.on("error", reject);
    r.end(body);
  });
}

const TICKS_PER_SECOND = 100; // USER_HZ, what /proc/<pid>/stat counts in on Linux

/** utime + stime of a live process (every thread), in ms. */
export function processCpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

/** The value at quantile q (0.5: the median) of a list of numbers. */
export function quantile(values: number[], q: number): number {
  return [...values].sort((x, y) => x - y)[Math.floor(values.length * q)];
}

export const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
/**
 * Seconds of the same load, not counted, before each case is measured: the first requests of a kind run code V8 has
 * not optimised yet (and fill per-instance caches), so without it the first case after a start measured cold code
 * and later cases warm code. 0 turns it off.
 */
export const WARMUP = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);
/** The goals are stated at 50 connections (issues 8 and 22): p99 under 100 ms there. */
export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);

/**
 * wrk (Debian's `wrk`, C, one thread per core) loads the server without competing with it for the event loop's
 * CPU the way a Node load generator does; autocannon is the fallback where wrk is not installed
 * (scripts/system-deps.sh lists wrk as optional). BENCH_LOAD=autocannon forces the fallback.
 */
export const LOAD_GENERATOR: "wrk" | "autocannon" = process.env.BENCH_LOAD !== "autocannon" && spawnSync("wrk", ["--version"]).error === undefined ? "wrk" : "autocannon";

export interface Case {
  name: string;
  query: string;
  /** Without one, the request is anonymous. */
  apiKey?: string;
  /** A fresh Idempotency-Key per request, or one of `keys` keys in turn. */
  idempotency?: "fresh" | { keys: string[] };
}

export interface Row {
  name: string;
  connections: number;
  requestsPerSecond: number;
  /** Share of the reference (graphql-yoga on node:http, trivial schema) at the same connection count, in %. */
  percentOfReference: number;
  /** Share of the same reference taking turns of the event loop as our server does (informational), in %. */
  percentOfTurnsReference?: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  /** The case's probe request answered 2xx with GraphQL errors (a benchmark of failures is no benchmark). */
  graphqlErrors: number;
  statuses: Record<string, number>;
  /** A fresh server's first seconds (coldStart): reported, not judged against the goals. */
  cold?: true;
}

type Measured = Omit<Row, "percentOfReference" | "percentOfTurnsReference" | "cold">;

/** The references' rates by connection count, measured right before the cases compared with them. */
export interface ReferenceRates {
  /** graphql-yoga on plain node:http: the goals are shares of it. */
  plain: Map<number, number>;
  /** The same server taking turns of the event loop (bench/reference-server.mjs), reported beside it. */
  turns?: Map<number, number>;
}

function headersOf(c: Case): Record<string, string> {
  return { "content-type": "application/json", ...(c.apiKey ? { authorization: `Bearer ${c.apiKey}` } : {}) };
}

/** One request of the case before it is loaded: 2xx answers carrying GraphQL errors make the row suspect. */
async function probe(url: string, c: Case): Promise<number> {
  const headers = headersOf(c);
  if (c.idempotency) headers["idempotency-key"] = randomUUID();
  const res = await fetch(`${url}/graphql`, { method: "POST", headers, body: JSON.stringify({ query: c.query }) });
  const text = await res.text();
  return res.status < 300 && text.includes('"errors"') ? 1 : 0;
}

export interface RunOptions {
  /** Split between the urls (CONNECTIONS). */
  connections?: number;
  /** Seconds measured (DURATION). */
  duration?: number;
  generator?: "wrk" | "autocannon";
  /** Seconds of the same load before, not counted (WARMUP). */
  warmup?: number;
  /**
   * One request of the case first, to see whether it answers with GraphQL errors (true). A case that counts exactly
   * (a limit's window, a set of Idempotency-Keys) turns it and the warm-up off: both would be requests it counts.
   */
  probe?: boolean;
}

/** Runs `c` against every url at once (connections split between them); statuses are summed. */
export async function run(urls: string[], c: Case, options: RunOptions = {}): Promise<Measured> {
  const { connections = CONNECTIONS, duration = DURATION, generator = LOAD_GENERATOR, warmup = WARMUP, probe: probeFirst = true } = options;
  const probed = probeFirst ? (await Promise.all(urls.map((url) => probe(url, c)))).reduce((a, b) => a + b, 0) : 0;
  const per = Math.max(1, Math.round(connections / urls.length));
  const load = (seconds: number) => Promise.all(urls.map((url) => (generator === "wrk" ? runWrk(url, c, per, seconds) : runAutocannon(url, c, per, seconds))));
  if (warmup > 0) await load(warmup);
  const results = await load(duration);
  const statuses: Record<string, number> = {};
  for (const r of results) for (const [code, n] of Object.entries(r.statuses)) statuses[code] = (statuses[code] ?? 0) + n;
  return {
    name: c.name,
    connections,
    requestsPerSecond: Math.round(results.reduce((n, r) => n + r.requestsPerSecond, 0)),
    // With one server these are exact; with several, the worst instance's.
    p50: Math.max(...results.map((r) => r.p50)),
    p99: Math.max(...results.map((r) => r.p99)),
    errors: results.reduce((n, r) => n + r.errors, 0),
    non2xx: results.reduce((n, r) => n + r.non2xx, 0),
    graphqlErrors: probed + results.reduce((n, r) => n + r.graphqlErrors, 0),
    statuses,
  };
}

type One = Pick<Row, "requestsPerSecond" | "p50" | "p99" | "errors" | "non2xx" | "statuses" | "graphqlErrors">;

const lua = (s: string) => JSON.stringify(s); // a JSON string is a valid Lua string literal for our ASCII payloads

async function runWrk(url: string, c: Case, connections: number, duration: number): Promise<One> {
  const lines = [
    `wrk.method = "POST"`,
    `wrk.body = ${lua(JSON.stringify({ query: c.query }))}`,
    ...Object.entries(headersOf(c)).map(([k, v]) => `wrk.headers[${lua(k)}] = ${lua(v)}`),
    `local n = 0`,
    `function setup(thread) n = n + 1; thread:set("tid", n) end`,
  ];
  if (c.idempotency === "fresh") {
    const run = randomBytes(6).toString("hex");
    lines.push(`local i = 0`, `function request() i = i + 1; wrk.headers["idempotency-key"] = ${lua(run)} .. "-" .. tid .. "-" .. i; return wrk.format() end`);
  } else if (c.idempotency) {
    lines.push(
      `local keys = { ${c.idempotency.keys.map(lua).join(", ")} }`,
      `local i = 0`,
      `function request() i = i + 1; wrk.headers["idempotency-key"] = keys[(i % #keys) + 1]; return wrk.format() end`,
    );
  }
  lines.push(
    `function done(summary, latency, requests)`,
    `  local e = summary.errors`,
    `  io.write(string.format("WRK %d %d %d %d %d %d\\n", summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), e.connect + e.read + e.write + e.timeout, e.status))`,
    `end`,
  );
  const script = path.join(os.tmpdir(), `doitong-bench-${randomBytes(4).toString("hex")}.lua`);
  fs.writeFileSync(script, lines.join("\n"));
  try {
    const threads = Math.min(connections, os.availableParallelism());
    const { stdout } = await promisify(execFile)("wrk", [`-t${threads}`, `-c${connections}`, `-d${duration}s`, "--timeout", "10s", "-s", script, `${url}/graphql`]);
    const m = stdout.match(/^WRK (\d+) (\d+) (\d+) (\d+) (\d+) (\d+)$/m);
    if (!m) throw new Error(`wrk said:\n${stdout}`);
    const [requests, micros, p50, p99, errors, non2xx] = m.slice(1).map(Number);
    return {
      requestsPerSecond: (requests * 1e6) / micros,
      p50: ms(p50 / 1000),
      p99: ms(p99 / 1000),
      errors,
      non2xx,
      // wrk counts statuses ≥ 400 only: the rest were 2xx/3xx.
      statuses: non2xx ? { "2xx": requests - non2xx, "≥400": non2xx } : { "2xx": requests },
      graphqlErrors: 0, // wrk reads no bodies (a Lua response() hook would halve its rate): the probe checks instead
    };
  } finally {
    fs.rmSync(script, { force: true });
  }
}

async function runAutocannon(url: string, c: Case, connections: number, duration: number): Promise<One> {
  const setupRequest = (req: autocannon.Request): autocannon.Request => {
    if (!c.idempotency) return req;
    const key = c.idempotency === "fresh" ? randomUUID() : c.idempotency.keys[turn++ % c.idempotency.keys.length];
    return { ...req, headers: { ...req.headers, "idempotency-key": key } };
  };
  let turn = 0;
  let graphqlErrors = 0;
  const onResponse = (status: number, body: string) => {
    if (status < 300 && body.includes('"errors"')) graphqlErrors += 1;
  };
  const r = await autocannon({
    url: `${url}/graphql`,
    method: "POST",
    headers: headersOf(c),
    body: JSON.stringify({ query: c.query }),
    connections,
    duration,
    requests: [{ setupRequest, onResponse }],
  });
  const statuses: Record<string, number> = {};
  for (const [code, n] of Object.entries(r.statusCodeStats ?? {})) statuses[code] = n.count ?? 0;
  return { requestsPerSecond: r.requests.average, p50: ms(r.latency.p50), p99: ms(r.latency.p99), errors: r.errors, non2xx: r.non2xx, statuses, graphqlErrors };
}

const ms = (v: number) => Math.round(v * 100) / 100;

/**
 * Every case at each connection count, each as a share of the reference measured at the same count, on a server
 * in service: a server's first few thousand requests of a kind run code V8 has not optimised yet (CPU per
 * `generate` falls from ~5 ms to ~1.5 ms over its first 4,000 on these machines), more than one case's warm-up
 * covers at one connection. So every case first runs at the most connections for twice the warm-up, uncounted,
 * and the most connections are measured first. `coldStart` measures the other case, a server's first seconds.
 */
export async function measure(server: TestServer, cases: Case[], reference: ReferenceRates, connectionCounts: number[]): Promise<Row[]> {
  const rows: Row[] = [];
  const counts = [...connectionCounts].sort((a, b) => b - a);
  // A pass over every case first, not counted, so that the first measured case is no colder than the last.
  if (WARMUP > 0) for (const c of cases) await run([server.url], c, { connections: counts[0], duration: 2 * WARMUP, warmup: 0 });
  for (const connections of counts) {
    for (const c of cases) {
      rows.push(ofReference(await run([server.url], c, { connections }), reference));
    }
  }
  return rows;
}

/**
 * A case at one connection on a server that has not run it yet, with no warm-up: what the first clients of a
 * freshly started instance meet. Reported beside the goals, not as one of them.
 */
export async function coldStart(server: TestServer, c: Case, reference: ReferenceRates): Promise<Row> {
  const row = await run([server.url], { ...c, name: `${c.name}: a fresh server's first ${DURATION} s (cold)` }, { connections: 1, warmup: 0 });
  return { ...ofReference(row, reference), cold: true };
}

/** The row with its shares of the references measured at the same connection count. */
export function ofReference(row: Measured, reference: ReferenceRates): Row {
  const share = (rates: Map<number, number>) => Math.round((1000 * row.requestsPerSecond) / rates.get(row.connections)!) / 10;
  return { ...row, percentOfReference: share(reference.plain), ...(reference.turns ? { percentOfTurnsReference: share(reference.turns) } : {}) };
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

export interface RssSample {
  /** Resident memory (MiB) when sampling began. */
  before: number;
  /** The highest seen while `work` ran. */
  peak: number;
  /** peak − before. */
  growth: number;
}

/** Samples the server's resident memory every 20 ms while `work` runs (bench/media.ts: one large file at a time). */
export async function sampleRss<T>(server: TestServer, work: () => Promise<T>): Promise<{ result: T; rss: RssSample }> {
  const before = server.rssMiB();
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, server.rssMiB())), 20);
  try {
    const result = await work();
    peak = Math.max(peak, server.rssMiB());
    return { result, rss: { before: round(before), peak: round(peak), growth: round(peak - before) } };
  } finally {
    clearInterval(timer);
  }
}

const round = (n: number) => Math.round(n * 10) / 10;

export const GENERATE_LOCAL = `mutation { generate(input: { type: IMAGE, input: { text: "bench" }, options: { resolution: "480p" } }) { id status } }`;
/** The catalog of one type with default-option prices (bench/api.ts's read case, bench/sequential.ts's "prov"). */
export const PROVIDERS_VIDEO = `{ providers(type: VIDEO) { id name pricing { creditCost } options { name allowedValues } } }`;
/** Without options, routing picks an AI model with a built-in fake, as a test key's generate would. */
export const GENERATE_TEST = `mutation { generate(input: { type: IMAGE, input: { text: "bench" } }) { id status } }`;

/** The reference server, in a process of its own as ours is. */
/** bench/reference-server.mjs; `turns`: the variant taking turns of the event loop. */
export async function startReference(turns = false): Promise<{ url: string; child: ChildProcess }> {
  const env = { ...process.env, DOITONG_REFERENCE_TURNS: turns ? "1" : "0" };
  const child = spawn(process.execPath, ["bench/reference-server.mjs"], { stdio: ["ignore", "pipe", "inherit"], env });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.once("data", (d: Buffer) => resolve((JSON.parse(d.toString()) as { port: number }).port));
    child.once("exit", () => reject(new Error("the reference server exited")));
  });
  return { url: `http://127.0.0.1:${port}`, child };
}

/** One build's server in a side-by-side A/B (paired.ts, paired-load.ts), with a test key and one generation made. */
export interface Side {
  dir: string;
  server: TestServer;
  apiKey: string;
  generationId: string;
  /** Stops the server and drops its PostgreSQL database, if it has one. */
  stop(): Promise<void>;
}

/** "Limits on": every limit set, too high to be reached, so each is checked on every request (bench/api.ts). */
export const LIMITS_ON = { rpm: 1_000_000_000, parallel: 100_000_000, daily: 1_000_000_000 };

/**
 * Starts build `dir` (its distDir) as side `index`: on a throwaway database of `pg` when given, else PGlite; Redis
 * at `redis` under a prefix of its own; the runner on or off. Its account is an Enterprise one with a test key, and
 * it has made one generation (to poll). Its limits are LIMITS_ON with `limits: "on"` (the limiter, the day count and
 * the queue count run on every generate), else all 0 (unlimited), as bench/api.ts's "limits off".
 */
export async function startSide(index: number, dir: string, options: { pg?: string; redis?: string; runner: boolean; limits?: "on" | "off" }): Promise<Side> {
  const db = options.pg ? await createTestDatabase(`side${index}`, options.pg) : undefined;
  const server = await startServer({
    NEXT_DIST_DIR: dir,
    DOITONG_DEMO_ACCOUNT: "off",
    REDIS_URL: options.redis,
    DOITONG_REDIS_PREFIX: `side-${process.pid}-${index}`,
    DATABASE_URL: db?.url,
    DOITONG_RUNNER: options.runner ? "in-process" : "off",
  });
  const account = await server.createAccount({ plan: "ENTERPRISE", credits: 100_000_000, keyMode: "test" });
  await server.setLimits(account.accountId, options.limits === "on" ? LIMITS_ON : { rpm: 0, parallel: 0, daily: 0 });
  const made = await server.gql<{ generate: { id: string } }>(GENERATE_TEST, {}, { apiKey: account.apiKey });
  const generationId = made.body.data?.generate.id;
  if (!generationId) throw new Error(`generate failed on ${dir}: ${JSON.stringify(made.body)}`);
  const stop = async () => {
    await server.stop();
    await db?.drop();
  };
  return { dir, server, apiKey: account.apiKey, generationId, stop };
}
