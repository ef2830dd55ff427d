import { randomUUID } from "node:crypto";
import type { FakeApp } from "./fake-app";
import { type PreviewFile, type PreviewRequest, renderPreview } from "./preview-media";
import { type Scenario, scenarioOf } from "./scenarios";

export type FakePhase = "queued" | "running" | "succeeded" | "failed" | "cancelled";

/** How long result links live, per vendor (BFL 10 minutes, Kling 30 days…). */
const DEFAULT_RESULT_TTL_MS = 10 * 60_000;

/**
 * One job inside a fake vendor. Its phase follows the clock: queued for the first fifth of the fake's task time,
 * running until the end, then succeeded (once its preview media is rendered) or failed, as its scenario says.
 */
export class FakeTask {
  readonly id: string;
  readonly scenario: Scenario;
  readonly createdAt = Date.now();
  cancelled = false;
  /** Vendor-specific facts the fake wants back when it answers a poll (model name, request body…). */
  readonly data: Record<string, unknown>;
  private file?: PreviewFile;
  private renderError?: Error;
  private url?: string;

  constructor(
    private readonly app: FakeApp,
    readonly preview: PreviewRequest,
    options: FakeTaskOptions,
  ) {
    this.id = options.id ?? randomUUID();
    this.scenario = options.scenario ?? scenarioOf(preview.prompt);
    this.data = options.data ?? {};
    if (this.scenario !== "fail" && this.scenario !== "moderation") {
      renderPreview(preview).then(
        (file) => (this.file = file),
        (error: Error) => (this.renderError = error),
      );
    }
    if (options.onChange) this.watch(options.onChange);
  }

  /** Calls `onChange` on each phase change, the way vendors POST callbacks (running, then the final state). */
  private watch(onChange: (task: FakeTask) => void | Promise<void>): void {
    let last = this.phase;
    const timer = setInterval(() => {
      const phase = this.phase;
      if (phase === last) return;
      last = phase;
      void Promise.resolve(onChange(this)).catch(() => undefined);
      if (phase !== "queued" && phase !== "running") clearInterval(timer);
    }, 25);
    timer.unref();
  }

  get phase(): FakePhase {
    if (this.cancelled) return "cancelled";
    const elapsed = Date.now() - this.createdAt;
    if (elapsed < this.app.taskMs / 5) return "queued";
    if (elapsed < this.app.taskMs || this.scenario === "timeout") return "running";
    if (this.scenario === "fail" || this.scenario === "moderation" || this.renderError) return "failed";
    return this.file ? "succeeded" : "running";
  }

  /** 0–1 while running. */
  get progress(): number {
    const phase = this.phase;
    if (phase === "succeeded") return 1;
    if (phase !== "running") return 0;
    return Math.min(0.99, (Date.now() - this.createdAt) / this.app.taskMs);
  }

  get moderated(): boolean {
    return this.scenario === "moderation";
  }

  /** The result link (published on first ask; already expired for the `expired_url` scenario). */
  resultUrl(origin: string, ttlMs = DEFAULT_RESULT_TTL_MS): string | undefined {
    if (this.phase !== "succeeded" || !this.file) return undefined;
    this.url ??= this.app.publish(origin, this.file.bytes, this.file.contentType, this.scenario === "expired_url" ? -1 : ttlMs);
    return this.url;
  }

  /** The finished file itself, for vendors that return bytes inline (Veo Vertex, Imagen). */
  get result(): PreviewFile | undefined {
    return this.phase === "succeeded" ? this.file : undefined;
  }
}

export interface FakeTaskOptions {
  /** The scenario, when not the prompt's own (FakeTasks resolves `partial` per job). */
  scenario?: Scenario;
  /** The vendor's id format (Seedance `cgt-…`); a UUID by default. */
  id?: string;
  data?: Record<string, unknown>;
  /** Called on every phase change after creation (for fakes that send callbacks). */
  onChange?: (task: FakeTask) => void | Promise<void>;
}

export class FakeTasks {
  private readonly tasks = new Map<string, FakeTask>();
  /** Jobs seen per prompt, for `partial`. */
  private readonly seen = new Map<string, number>();

  constructor(private readonly app: FakeApp) {}

  create(preview: PreviewRequest, options: FakeTaskOptions = {}): FakeTask {
    const task = new FakeTask(this.app, preview, { ...options, scenario: options.scenario ?? this.partial(preview.prompt) });
    this.tasks.set(task.id, task);
    return task;
  }

  /** `partial`: the 1st, 3rd… job with this prompt succeeds and the 2nd, 4th… fails, like one bad job among several. */
  private partial(prompt: string): Scenario | undefined {
    if (scenarioOf(prompt) !== "partial") return undefined;
    const n = this.seen.get(prompt) ?? 0;
    this.seen.set(prompt, n + 1);
    return n % 2 === 0 ? "ok" : "fail";
  }

  get(id: string): FakeTask | undefined {
    return this.tasks.get(id);
  }

  find(predicate: (task: FakeTask) => boolean): FakeTask | undefined {
    return [...this.tasks.values()].find(predicate);
  }

  /** Every task that matches, oldest first (list endpoints). */
  filter(predicate: (task: FakeTask) => boolean): FakeTask[] {
    return [...this.tasks.values()].filter(predicate);
  }
}
