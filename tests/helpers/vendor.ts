import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { notifyCallback, waitForCallback } from "@/lib/providers/callback-signal";
import type { FakeApp } from "@/lib/providers/sandbox/fake-app";
import type { GenerationJob, Options, ProviderAdapter, ProviderResult, RunContext, VendorContext, VendorTask } from "@/lib/providers/types";

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

/** submit → follow, as the workflow runs them; the work directory is kept for the test to inspect (and removed by cleanup()). */
export async function runAdapter(adapter: ProviderAdapter, job: GenerationJob, options: RunOptions): Promise<RunOutcome> {
  const workDir = await mkdtemp(path.join(tmpdir(), "doitong-vendor-"));
  workDirs.push(workDir);
  const progress: number[] = [];
  const signal = options.signal ?? new AbortController().signal;
  const ctx: RunContext = {
    signal,
    workDir,
    onProgress: (p) => progress.push(p),
    vendor: vendorContext(job, options),
    waitForCallback: (ms) => waitForCallback(job.generationId, ms, signal),
  };
  const submission = await adapter.submit(job, ctx);
  if ("file" in submission) return { file: submission.file, progress, workDir };
  const result = await adapter.follow!(job, submission.task, ctx);
  return { ...result, task: submission.task, progress, workDir };
}

const workDirs: string[] = [];

export async function cleanupWorkDirs(): Promise<void> {
  await Promise.all(workDirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
}

/** Simulates the callback route having accepted a vendor callback for this job. */
export const wakeFollower = (job: GenerationJob) => notifyCallback(job.generationId);
