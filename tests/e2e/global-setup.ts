import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");
const START_TIMEOUT_MS = 60_000;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

/** Resolves once POST /graphql answers with anything but a 5xx: routes, database and boot are then ready. */
async function waitUntilReady(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited early (code ${child.exitCode}):\n${log()}`);
    try {
      const res = await fetch(`${url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: '{"query":"{__typename}"}',
      });
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`next start did not answer within ${START_TIMEOUT_MS} ms:\n${log()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Starts the built app the way `npm start` does, on a free port with a fresh data directory, so the landing is
 * rendered from a clean first boot (which also prints the demo API key the quick-start test uses).
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"))) {
    throw new Error("No production build: run `NEXT_TELEMETRY_DISABLED=1 npx next build` before `npx playwright test`.");
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "doitong-e2e-"));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = { ...process.env, DOITONG_DATA_DIR: dataDir, NEXT_TELEMETRY_DISABLED: "1", PORT: String(port) };
  // A DATABASE_URL from the shell would point the app at a shared database; the e2e run wants its own embedded one.
  delete env.DATABASE_URL;

  let log = "";
  const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d: Buffer) => (log += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (log += d.toString()));

  async function teardown(): Promise<void> {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      // The app closes its database on SIGTERM; give it a moment, then make sure no server outlives the run.
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  }

  try {
    await waitUntilReady(url, child, () => log);
  } catch (error) {
    await teardown();
    throw error;
  }

  process.env.E2E_BASE_URL = url;
  // Workers inherit the runner's environment; the demo key is printed once, on the first boot of a data directory.
  const demoKey = /API key\s+(\S+)/.exec(log)?.[1];
  if (demoKey) process.env.E2E_DEMO_API_KEY = demoKey;
  return teardown;
}
