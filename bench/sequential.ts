// npx tsx bench/sequential.ts — one client, one request at a time, on keep-alive: p50/p90 of each case beside the
// reference (bench/reference-server.mjs), and the server's CPU per request from /proc. On a shared, loaded machine
// the wall times move with other work; CPU per request against wall time separates work from waiting (a wall
// time far above CPU per request means the request waits: a timer, a lock, a round trip, the scheduler).
//   N (300 per case), ROUNDS (2), CASES (type,poll,gen,live,prov), RUNNER (off; "on" polls a finished generation),
//   PG (a PostgreSQL server URL: a throwaway database there instead of PGlite), RURL (Redis for the limiter; set
//   DOITONG_REDIS_PREFIX to keep its keys apart), STRACE=1 (syscall counts of the server during each case).
import { spawn } from "node:child_process";
import http from "node:http";
import { createTestDatabase } from "../tests/helpers/pg";
import { startServer, waitForGeneration } from "../tests/helpers/server";
import { GENERATE_LOCAL, GENERATE_TEST, postGraphql, processCpuMs, PROVIDERS_VIDEO, quantile, startReference } from "./measure";

const { url: refUrl, child: refChild } = await startReference();
// Also when the server fails to start: a reference left running holds the caller's pipe open.
process.once("exit", () => refChild.kill());
const N = Number(process.env.N ?? 300);
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
let cpuPid = 0;
async function series(url: string, name: string, query: string, apiKey: string, idem = false) {
  const pid = url === refUrl ? refChild.pid! : cpuPid;
  let tracer: ReturnType<typeof spawn> | undefined;
  let traced = "";
  if (process.env.STRACE) {
    tracer = spawn("strace", ["-f", "-c", "-p", String(pid)], { stdio: ["ignore", "ignore", "pipe"] });
    tracer.stderr!.on("data", (d) => (traced += d));
    await new Promise((r) => setTimeout(r, 1500));
  }
  const c0 = processCpuMs(pid);
  const body = JSON.stringify({ query });
  const t: number[] = [];
  let err = "";
  for (let i = 0; i < N; i++) {
    const h: Record<string, string> = { authorization: `Bearer ${apiKey}` };
    if (idem) h["idempotency-key"] = `k-${Date.now()}-${i}-${Math.random()}`;
    const r = await postGraphql(agent, url, body, h);
    if (r.text.includes('"errors"')) err = r.text.slice(0, 300);
    t.push(r.total);
  }
  const cpu = (processCpuMs(pid) - c0) / N;
  if (tracer) {
    const running = tracer;
    const done = new Promise((r) => running.once("exit", r));
    tracer.kill("SIGINT");
    await done;
    console.log(
      `strace ${name} (N=${N})\n` +
        traced
          .split("\n")
          .filter((l) => /calls|epoll|futex|write|read|sendto|recvfrom|total|-----/.test(l))
          .join("\n"),
    );
  }
  console.log(`${name.padEnd(40)} p50 ${quantile(t, 0.5).toFixed(2)} ms  p90 ${quantile(t, 0.9).toFixed(2)} ms cpu/req ${cpu.toFixed(2)} ms ${err ? "ERR " + err : ""}`);
}
const pgUrl = process.env.PG;
const db = pgUrl ? await createTestDatabase("lat", pgUrl) : undefined;
const env = {
  DOITONG_DEMO_ACCOUNT: "off",
  REDIS_URL: process.env.RURL,
  DATABASE_URL: db?.url,
};
// PROF=<dir>: a CPU profile of the server, written when it stops (Node refuses --cpu-prof in NODE_OPTIONS).
const nodeArgs = process.env.PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.PROF}`] : [];
const s = await startServer({ ...env, DOITONG_RUNNER: process.env.RUNNER === "on" ? "in-process" : "off" }, { nodeArgs });
try {
  // Limits on, and high enough never to refuse: their checks are part of what is measured.
  const mk = async (keyMode: "live" | "test") => {
    const c = await s.createAccount({ plan: "ENTERPRISE", credits: 100_000_000, keyMode });
    await s.setLimits(c.accountId, { rpm: 1_000_000_000, parallel: 100_000_000, daily: 1_000_000_000 });
    return c.apiKey;
  };
  const test = await mk("test");
  const live = await mk("live");
  const seed = await s.gql<{ generate: { id: string } }>(GENERATE_TEST, {}, { apiKey: test });
  const id = seed.body.data!.generate.id;
  const POLL = `{ generation(id: "${id}") { id status progress url metadata { width height format } } }`;
  const cases = (process.env.CASES ?? "type,poll,gen").split(",");
  cpuPid = s.pid();
  if (process.env.RUNNER === "on") await waitForGeneration(s, test, id);
  for (let round = 0; round < Number(process.env.ROUNDS ?? 2); round++) {
    await series(refUrl, "reference {__typename}", "{ __typename }", "x");
    if (cases.includes("type")) await series(s.url, "{__typename} key", "{ __typename }", live);
    if (cases.includes("poll")) await series(s.url, "generation(id) (queued/test)", POLL, test);
    if (cases.includes("gen")) await series(s.url, "generate TEST key", GENERATE_TEST, test);
    if (cases.includes("live")) await series(s.url, "generate live", GENERATE_LOCAL, live);
    if (cases.includes("prov")) await series(s.url, "providers(type: VIDEO)", PROVIDERS_VIDEO, live);
  }
} finally {
  refChild.kill();
  await s.stop();
  await db?.drop();
}
