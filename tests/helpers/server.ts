import { type ChildProcess, execFile, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { type Mailbox, startMailbox } from "../fakes/mailbox";
import type { Plan, PrismaClient } from "@/lib/generated/prisma/client";
import type { LimitsChange } from "@/lib/accounts/set-account-limits";
import { createTestDatabase, type TestDatabase } from "./pg";
import { seedEmbeddedDatabase } from "./pglite-template";
import { serverDatabase } from "./server-db";

/**
 * Starts the built app (server.mjs, as `npm start` does; or plain `next start` with `plainNext`) on a free port with its own data directory, and
 * speaks to it over real HTTP. Tests use it like a client would: GraphQL requests with API keys that the test
 * process makes in the server's database through lib/ (what the admin command does, without a process per account).
 */
export interface TestServer {
  url: string;
  dataDir: string;
  /** Resident memory of the server process in MiB (Linux /proc). */
  rssMiB(): number;
  /** The server process's id (changes on restart). */
  pid(): number;
  env: NodeJS.ProcessEnv;
  /**
   * The local SMTP server the app sends its mail to. Every server gets one, unless the test sets SMTP_URL itself
   * (to undefined, for the embedded default that prints mail to the log): then it is undefined.
   */
  mail: Mailbox | undefined;
  output(): string;
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, options?: GqlOptions): Promise<GqlResponse<T>>;
  /** Runs the admin command (`npm run admin`, a process of its own); for tests of that command. */
  admin(...args: string[]): Promise<Record<string, unknown>>;
  /** An account with its first key, made in the server's database by lib/accounts/create-account.ts. */
  createAccount(options?: { plan?: string; credits?: number; keyMode?: "live" | "test" }): Promise<{ accountId: string; apiKey: string }>;
  /** An operator's plan or limit change (what `admin set-limits` does), made in the server's database. */
  setLimits(accountId: string, change: LimitsChange): Promise<void>;
  /** The test process's own client on the server's database, to look at what remains (never to set up behaviour). */
  database(): Promise<PrismaClient>;
  kill(signal?: NodeJS.Signals): Promise<void>;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export interface GqlOptions {
  apiKey?: string | null;
  headers?: Record<string, string>;
  path?: string;
}

export interface GqlResponse<T> {
  status: number;
  headers: Headers;
  body: { data?: T | null; errors?: { message: string; path?: string[]; extensions?: Record<string, unknown> }[] };
}

const ROOT = path.resolve(import.meta.dirname, "../..");
const run = promisify(execFile);

/**
 * The servers this test process has started and not yet stopped, and how a failure shows one's log
 * (tests/helpers/server-guard.ts: the logs of those running when a test fails, and a stop for any that a file leaves
 * running). On globalThis: a worker that runs several files in one process may load this module once per file, and
 * the guard reads it without importing this module.
 */
export interface ServerRegistry {
  live: Set<TestServer>;
  printLogTail(server: TestServer, why: string): void;
}
export function serverRegistry(): ServerRegistry {
  const slot = globalThis as { [REGISTRY]?: ServerRegistry };
  return (slot[REGISTRY] ??= {
    live: new Set(),
    printLogTail(server, why) {
      const lines = server.output().trimEnd().split("\n").slice(-LOG_TAIL_LINES);
      console.error(`── ${why}; the last ${lines.length} lines of the server at ${server.url}:\n${lines.join("\n")}`);
    },
  });
}
const REGISTRY = Symbol.for("doitong.test-servers");
const LOG_TAIL_LINES = 60;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

/**
 * package.json's `start` passes this too. V8 first runs WebAssembly as its baseline compiler (Liftoff) made it, and
 * recompiles a function with its optimising compiler (TurboFan) once the function has run through a budget. At the
 * default budget, opening PGlite's PostgreSQL and Prisma's query compiler sent much of their once-only start-up code
 * through TurboFan: ~1.2 of the ~4.1 CPU-s a test server cost from spawn to exit (bench/start-stop.ts). A hundred
 * times the budget leaves that code on the baseline tier and still optimises what a server runs over and over.
 */
const WASM_TIERING = "--wasm-tiering-budget=180000000";

/** What a server prints once it listens: server.mjs's line, or `next start`'s. */
const LISTENING = /Doitong ready on http|Ready in /;

export interface StartOptions {
  /**
   * `next start` instead of the custom server: the route handlers under app/ serve the API, as on hosts that run
   * Next without server.mjs (tests/integration/plain-next.test.ts).
   */
  plainNext?: boolean;
  /** Node options only the command line takes (`--cpu-prof`: NODE_OPTIONS refuses it), for the benchmarks' profiles. */
  nodeArgs?: string[];
}

export async function startServer(extraEnv: Record<string, string | undefined> = {}, options: StartOptions = {}): Promise<TestServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "doitong-"));
  // A test may choose the port (to name the server's own URL in its env, e.g. NEXTAUTH_URL).
  let port = extraEnv.PORT ? Number(extraEnv.PORT) : await freePort();
  // The "postgres" test project runs every server on a fresh database of the PostgreSQL at TEST_DATABASE_URL.
  const database: TestDatabase | undefined = process.env.DOITONG_TEST_DB === "postgres" ? await createTestDatabase("srv") : undefined;
  const mailbox = "SMTP_URL" in extraEnv ? undefined : await startMailbox();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    DOITONG_DATA_DIR: dataDir,
    NEXT_TELEMETRY_DISABLED: "1",
    // As `npm start` sets it: our own SIGTERM handler (lib/boot.ts) stops the runner and closes the database;
    // Next's would exit at once.
    NEXT_MANUAL_SIG_HANDLE: "true",
    DATABASE_URL: database?.url ?? "",
    SMTP_URL: mailbox?.smtpUrl ?? "",
    // Every test sign-up comes from 127.0.0.1, where real ones come from many addresses: allow that one address
    // many sign-ups an hour. The throttle itself is tested with its own low limits (tests/integration/auth-sign-up.test.ts).
    DOITONG_SIGNUP_PER_IP_HOUR: "1000",
    // bcrypt at cost 4 instead of production's 12: each sign-up hash and sign-in comparison then costs ~2 ms instead
    // of ~0.3 CPU-s, over a hundred of them in a run. What a test proves of sign-up and sign-in does not depend on
    // the cost; tests/unit/passwords.test.ts proves production hashes at 12.
    DOITONG_BCRYPT_ROUNDS: "4",
    // No demo account on first start: tests make their own accounts, and creating it cost each server start
    // ~0.2 CPU-s (the account, key and ledger writes, and Prisma compiling queries the server otherwise never
    // runs). The tests of the demo account itself turn it on (recovery.test.ts, scale-out.test.ts, e2e's key).
    DOITONG_DEMO_ACCOUNT: "off",
    ...extraEnv,
  };
  if (!env.DATABASE_URL) delete env.DATABASE_URL;
  // A test that names its own data directory or database keeps it; otherwise the embedded database starts migrated.
  if (!env.DATABASE_URL && env.DOITONG_DATA_DIR === dataDir) seedEmbeddedDatabase(dataDir);
  if (!env.SMTP_URL) delete env.SMTP_URL;
  // Set by launch() (undefined only when the first launch fails before spawning: no build).
  let child!: ChildProcess;
  let log = "";
  const serverDb = serverDatabase(dataDir, env.DATABASE_URL);
  let url = `http://127.0.0.1:${port}`;
  let portTaken = 0;

  async function launch(firstStart = false) {
    if (!fs.existsSync(path.join(ROOT, process.env.NEXT_DIST_DIR || ".next", "BUILD_ID"))) {
      throw new Error("No production build: run `npx next build` first (npm test does).");
    }
    // As `npm start` runs it (package.json), heap cap and WebAssembly tiering included.
    const heap = `--max-old-space-size=${env.DOITONG_HEAP_MB || 512}`;
    // DOITONG_TEST_SERVER=next runs every test's server on plain `next start` (the route handlers' path).
    const plainNext = options.plainNext ?? process.env.DOITONG_TEST_SERVER === "next";
    const entry = plainNext ? ["node_modules/next/dist/bin/next", "start"] : ["server.mjs"];
    // DOITONG_TEST_SERVER_PROF=<dir>: a CPU profile of every test server, written there as it exits (where a run's
    // servers spend their CPU: bench/profile-summary.ts sums them).
    const prof = process.env.DOITONG_TEST_SERVER_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.DOITONG_TEST_SERVER_PROF}`] : [];
    child = spawn(process.execPath, [heap, WASM_TIERING, ...(options.nodeArgs ?? []), ...prof, ...entry, "-p", String(port), "-H", "127.0.0.1"], {
      cwd: ROOT,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    // What this child printed (a restart's log goes on after the last one's "ready").
    const from = log.length;
    child.stdout?.on("data", (d) => (log += d));
    child.stderr?.on("data", (d) => (log += d));
    // A loaded, shared machine can take most of a minute to start a server: allow three.
    const deadline = Date.now() + 180_000;
    for (;;) {
      if (child.exitCode !== null) {
        // Another process took the port between freePort() and this server's listen (a test run starts over a
        // hundred servers at once on one machine): on a first start whose port was ours to choose, take another.
        if (firstStart && !extraEnv.PORT && log.slice(from).includes("EADDRINUSE") && ++portTaken <= 3) {
          port = await freePort();
          env.PORT = String(port);
          url = `http://127.0.0.1:${port}`;
          log = "";
          return launch(true);
        }
        throw new Error(`server exited early:\n${log}`);
      }
      // Only this child's own answer counts: until it says it is listening, whatever answers on the port is another
      // process's (CI once ran a whole file against another file's server that had taken the port first).
      if (LISTENING.test(log.slice(from)) && (await answers())) return;
      if (Date.now() > deadline) throw new Error(`server did not start:\n${log}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  async function answers(): Promise<boolean> {
    try {
      const res = await fetch(`${url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"query":"{__typename}"}' });
      return res.status < 500;
    } catch {
      return false; // not listening yet
    }
  }

  async function kill(signal: NodeJS.Signals = "SIGKILL") {
    await serverDb.close();
    if (child.exitCode !== null || child.signalCode) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill(signal);
    // A graceful stop closes the database first; no server may outlive the run, though.
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  }

  /** What the server had besides its process: its data directory, its PostgreSQL database, its mailbox. */
  async function release() {
    fs.rmSync(dataDir, { recursive: true, force: true });
    await database?.drop();
    await mailbox?.close();
  }

  try {
    await launch(true);
  } catch (error) {
    // A server that never said it was ready does not outlive its test (what it printed is in the error).
    if (child) await kill("SIGKILL");
    await release().catch(() => {});
    throw error;
  }
  // Nor does one whose test process ends without stopping it (a hook that failed before its stop).
  const killAtExit = () => {
    if (child.exitCode === null && !child.signalCode) child.kill("SIGKILL");
  };
  process.once("exit", killAtExit);
  let stopped: Promise<void> | undefined;

  const server: TestServer = {
    url,
    dataDir,
    env,
    mail: mailbox,
    rssMiB() {
      const status = fs.readFileSync(`/proc/${child.pid}/status`, "utf8");
      return Number(status.match(/VmRSS:\s+(\d+)/)?.[1] ?? 0) / 1024;
    },
    pid: () => child.pid!,
    output: () => log,
    async gql(query, variables, options = {}) {
      const headers: Record<string, string> = { "content-type": "application/json", ...options.headers };
      if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`;
      const res = await fetch(`${url}${options.path ?? "/graphql"}`, { method: "POST", headers, body: JSON.stringify({ query, variables }) });
      return { status: res.status, headers: res.headers, body: await res.json() };
    },
    async admin(...args) {
      const { stdout } = await run(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/admin.ts", ...args], { cwd: ROOT, env });
      return JSON.parse(stdout.trim().split("\n").pop() ?? "{}");
    },
    async createAccount({ plan = "ENTERPRISE", credits = 1_000, keyMode = "live" } = {}) {
      const email = `user-${Math.random().toString(36).slice(2)}@example.com`;
      // lib/ is loaded on first use, as in server-db.ts.
      const { createAccount } = await import("@/lib/accounts/create-account");
      return createAccount({ email, plan: plan.toUpperCase() as Plan, credits, keyMode: keyMode === "test" ? "TEST" : "LIVE" }, await serverDb.client());
    },
    async setLimits(accountId, change) {
      const { setAccountLimits } = await import("@/lib/accounts/set-account-limits");
      await setAccountLimits(accountId, change, await serverDb.client());
    },
    database: () => serverDb.client(),
    kill,
    async restart() {
      await kill("SIGKILL");
      await launch();
    },
    stop() {
      // Once: server-guard.ts stops a server that a timed-out test left, and that test's own `finally` may still run.
      stopped ??= (async () => {
        serverRegistry().live.delete(server);
        await kill("SIGTERM");
        process.off("exit", killAtExit);
        await release();
      })();
      return stopped;
    },
  };
  serverRegistry().live.add(server);
  // A server started inside a test and stopped by it (try/finally) is gone before server-guard.ts looks at the live
  // ones: its log is printed here when that test fails. Outside a test (beforeAll), or outside vitest (Playwright's
  // set-up), there is no test to hear of.
  if (process.env.VITEST) {
    const { onTestFailed } = await import("vitest");
    try {
      onTestFailed(({ task }) => {
        if (!serverRegistry().live.has(server)) serverRegistry().printLogTail(server, `${task.name} failed`);
      });
    } catch {
      // Not inside a test.
    }
  }
  return server;
}

/** Polls a generation until it reaches a final state (or the timeout). */
export async function waitForGeneration(server: TestServer, apiKey: string, id: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await server.gql<{ generation: Record<string, unknown> }>(
      `query($id: ID!) { generation(id: $id) { id status progress url errorCode error { code message } metadata { width height duration format size mimeType hasAudio resolution } creditCost } }`,
      { id },
      { apiKey },
    );
    const g = res.body.data?.generation;
    if (g && ["COMPLETED", "FAILED", "CANCELLED"].includes(String(g.status))) return g;
    if (Date.now() > deadline) throw new Error(`generation ${id} did not finish: ${JSON.stringify(res.body)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
