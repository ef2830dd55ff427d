import { mkdtemp, rm } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { notifyCallback, waitForCallback } from "@/lib/dispatch/callback-signal";
import { KLING_FAKE_ACCOUNT } from "@/lib/providers/kling/fake";
import type { FakeApp } from "@/lib/providers/sandbox/fake-app";
import type { CallbackOutcome, GenerationJob, Options, ProviderAdapter, ProviderResult, RunContext, VendorContext, VendorTask } from "@/lib/providers/types";

/**
 * An adapter pointed at its own fake on a loopback port, with the real adapter code doing real HTTP. The fake is
 * the vendor's wire format; these helpers only build the context the workflow would build.
 */
export interface VendorHarness {
  fake: FakeApp;
  url: string;
  close(): Promise<void>;
}

export async function startVendorFake(adapter: ProviderAdapter, taskMs = 300): Promise<VendorHarness> {
  const fake = adapter.createFake!();
  fake.taskMs = taskMs;
  const server = await fake.listen();
  return { fake, url: server.url, close: server.close };
}

let counter = 0;

export function testJob(type: GenerationJob["type"], text: string, options: Options, input: Partial<GenerationJob["input"]> = {}): GenerationJob {
  return { generationId: `gen_test${++counter}`, type, text, input, options, mode: "LIVE" };
}

export interface RunOptions {
  baseUrl: string;
  /** Env-style credentials; defaults to the sandbox's fixed fake values. */
  credentials?: Record<string, string>;
  settings?: Record<string, string>;
  callbackUrl?: string;
  /** Scales the vendor's poll intervals and backoff (default: 1/200 — Runway's 5 s becomes 25 ms). */
  timeScale?: number;
  signal?: AbortSignal;
}

export interface RunOutcome extends ProviderResult {
  task?: VendorTask;
  progress: number[];
  workDir: string;
}

export function vendorContext(job: GenerationJob, options: RunOptions): VendorContext {
  return {
    baseUrl: options.baseUrl,
    credential(name) {
      const value = options.credentials ? options.credentials[name] : `sandbox-${name.toLowerCase().replace(/_/g, "-")}`;
      if (!value) throw new Error(`${name} is not set`);
      return value;
    },
    setting: (name) => options.settings?.[name],
    sandbox: false,
    timeScale: options.timeScale ?? 1 / 200,
    callbackUrl: options.callbackUrl,
    callbackSecret: `secret-${job.generationId}`,
  };
}

/**
 * The context the workflow hands an adapter, pointed at `baseUrl` (for calling `cancel` or `follow` directly).
 * Without a workDir, one that does not exist: for calls that must not write files.
 */
export function runContext(job: GenerationJob, options: RunOptions & { workDir?: string; onProgress?: (p: number) => void }): RunContext {
  const signal = options.signal ?? new AbortController().signal;
  return {
    signal,
    workDir: options.workDir ?? "/nonexistent",
    onProgress: options.onProgress ?? (() => undefined),
    vendor: vendorContext(job, options),
    waitForCallback: (ms) => waitForCallback(job.generationId, ms, signal),
  };
}

/** submit → follow, as the workflow runs them; the work directory is kept for the test to inspect (and removed by cleanup()). */
export async function runAdapter(adapter: ProviderAdapter, job: GenerationJob, options: RunOptions): Promise<RunOutcome> {
  const workDir = await mkdtemp(path.join(tmpdir(), "doitong-vendor-"));
  workDirs.push(workDir);
  const progress: number[] = [];
  const ctx = runContext(job, { ...options, workDir, onProgress: (p) => progress.push(p) });
  const submission = await adapter.submit(job, ctx);
  if (submission.kind === "done") return { file: submission.value.file, progress, workDir };
  return { ...(await followToEnd(adapter, job, submission.task, ctx)), task: submission.task, progress, workDir };
}

/** `follow` in a context without slices (as runContext makes): it answers with the files or throws. */
export async function followToEnd(adapter: ProviderAdapter, job: GenerationJob, task: VendorTask, ctx: RunContext): Promise<ProviderResult> {
  const followed = await adapter.follow!(job, task, ctx);
  if (followed.kind === "slice") throw new Error("follow ended a slice in a context without slices");
  return followed.value;
}

const workDirs: string[] = [];

export async function cleanupWorkDirs(): Promise<void> {
  await Promise.all(workDirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
}

/** Simulates the callback route having accepted a vendor callback for this job. */
export const wakeFollower = (job: GenerationJob) => notifyCallback(job.generationId);

export interface CallbackReceiverOptions {
  /** The vendor context's base URL (the vendor fake). */
  baseUrl: string;
  /** Read at each callback, so a test may fill one in after starting the receiver (HeyGen's secret comes from registering its URL). */
  settings?: Record<string, string>;
  credentials?: Record<string, string>;
  /** Path and query of the URL the vendor is given; default `/callback?generation=<id>`, the shape of the app's callback URL. */
  path?: string;
}

export interface ReceivedCallback<Body> {
  headers: Headers;
  /** Parsed JSON, or the raw text when it is not JSON. */
  body: Body;
  authentic: boolean;
  reply: NonNullable<CallbackOutcome["reply"]>;
}

export interface CallbackReceiver<Body> {
  /** Give this to the vendor as the callback URL. */
  url: string;
  /** The bodies of the callbacks the adapter accepted, in order of arrival. */
  bodies: Body[];
  /** Every callback POSTed, accepted or not, with the answer it got. */
  calls: ReceivedCallback<Body>[];
  readonly accepted: number;
  readonly rejected: number;
  close(): Promise<void>;
}

/**
 * The app's callback route in miniature, on a loopback port: the adapter checks each POST; an authentic one wakes the
 * job's follower (unless the adapter names another generation) and gets the adapter's reply or 200 `{"ok":true}`,
 * anything else 401. OPTIONS is answered 200, as the route does for HeyGen's endpoint check.
 */
export async function startCallbackReceiver<Body = unknown>(adapter: ProviderAdapter, job: GenerationJob, options: CallbackReceiverOptions): Promise<CallbackReceiver<Body>> {
  const bodies: Body[] = [];
  const calls: ReceivedCallback<Body>[] = [];
  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (req.method !== "POST") return void res.writeHead(req.method === "OPTIONS" ? 200 : 405, { allow: "POST, OPTIONS" }).end();
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const text = Buffer.concat(chunks).toString("utf8");
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) for (const v of [value ?? []].flat()) headers.append(name, v);
      const query = new URL(req.url ?? "/", "http://x").searchParams;
      const vendor = vendorContext(job, { baseUrl: options.baseUrl, settings: options.settings, credentials: options.credentials });
      const outcome = await adapter.receiveCallback!({ headers, body: text, query }, vendor);
      const body = parseBody(text) as Body;
      if (outcome.authentic) {
        bodies.push(body);
        if (!outcome.generationId || outcome.generationId === job.generationId) wakeFollower(job);
      }
      const reply = outcome.reply ?? (outcome.authentic ? { status: 200, json: { ok: true } } : { status: 401, json: { error: "invalid signature" } });
      calls.push({ headers, body, authentic: outcome.authentic, reply });
      res.writeHead(reply.status, { "content-type": "application/json" }).end(JSON.stringify(reply.json));
    } catch (error) {
      res.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify({ error: String(error) }));
    }
  };
  const server = http.createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const path = options.path ?? `/callback?generation=${encodeURIComponent(job.generationId)}`;
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`,
    bodies,
    calls,
    get accepted() {
      return calls.filter((c) => c.authentic).length;
    },
    get rejected() {
      return calls.filter((c) => !c.authentic).length;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function parseBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Server env that sends live keys to the Kling and Runway fakes (fault-injection tests), with vendor waits scaled down. */
export function liveVendorEnv(kling: VendorHarness, runway: VendorHarness): Record<string, string> {
  return {
    KLING_ACCESS_KEY: KLING_FAKE_ACCOUNT.accessKey,
    KLING_SECRET_KEY: KLING_FAKE_ACCOUNT.secretKey,
    KLING_BASE_URL: kling.url,
    RUNWAYML_API_SECRET: "live-runway-key",
    RUNWAY_BASE_URL: runway.url,
    DOITONG_VENDOR_TIME_SCALE: "0.01",
  };
}
