import type { GenerationType, KeyMode } from "../generated/prisma/client";
import type { Stock, StockAvatar, StockVoice } from "./unified/presets";
import type { Treatment } from "./unified/treatment";

export type { GenerationType, KeyMode };
export type OptionValue = string | number | boolean;
export type Options = Record<string, OptionValue>;
/** The numbers of one model's price list (lib/prices), by name: the inputs of the vendor's cost formula. */
export type Rates = Readonly<Record<string, number>>;

/** One option a model accepts. This data drives validation, the `providers` query and the dashboard forms. */
export interface OptionSpec {
  name: string;
  type: "STRING" | "INT" | "FLOAT" | "BOOLEAN";
  required?: boolean;
  description: string;
  allowedValues?: readonly string[];
  min?: number;
  max?: number;
  default?: OptionValue;
}

/** Where a vendor model stands in its vendor's lifecycle. */
export type ModelStatus = "GA" | "PREVIEW" | "DEPRECATED" | "RETIRED";

/**
 * One vendor model behind a provider id. A DEPRECATED model still runs, with a warning naming its sunset date and
 * successor; a RETIRED one is refused with INVALID_INPUT naming the successor, never silently remapped.
 */
export interface CatalogModel {
  /** Our id: the value of the model-choosing option (`lineup.option`), or the provider id when there is one model. */
  id: string;
  /** The vendor's own id on the wire (e.g. veo-3.1-generate-001). */
  vendorModelId: string;
  status: ModelStatus;
  /** The day (YYYY-MM-DD, UTC) the vendor stops or stopped serving it, when announced. */
  sunsetAt?: string;
  /** Our id of the model to move to (in the same lineup). */
  successor?: string;
  /** Where the status and date come from (URL or package@version) and when they were checked. */
  source?: string;
}

/** The vendor models behind one provider and type, and which option picks one (absent: there is one model). */
export interface Lineup {
  option?: string;
  models: readonly CatalogModel[];
}

/** What the vendor will actually be sent, when that differs from what was asked, and why. */
export interface Reconciled {
  applied: Options;
  warnings: string[];
}

/** What one provider can do for one generation type, and what it costs. */
export interface ModelSpec {
  options: readonly OptionSpec[];
  /** The vendor models this covers, with their lifecycle (the `providers { models }` field). */
  lineup: Lineup;
  /**
   * How this model treats the unified options of its type (lib/providers/unified): only what differs from the
   * default — native when `options` lists the name, ignored otherwise.
   */
  unified?: Readonly<Record<string, Treatment>>;
  /**
   * The vendor's cost formula: what this request costs us, in US cents, for these (validated, defaulted) options and
   * this prompt. Only its shape lives here; its numbers are the price list in force (lib/prices), whose markup turns
   * the cost into credits (lib/providers/pricing.ts).
   */
  cost(rates: Rates, options: Options, text: string): number;
  /** Typical seconds from start to result. */
  estimatedTime(options: Options): number;
  /** Which `input` fields it reads beyond `text`. */
  inputs?: { image?: "optional" | "required"; endImage?: "optional"; video?: "optional" | "required"; audio?: "optional" | "required"; voice?: "optional" };
  /**
   * Combinations the vendor cannot honour exactly (e.g. MiniMax 1080p only at 6 s): returns the options that will
   * be applied and a warning per change. Pure, so it runs before anything is spent; `strict: true` turns a warning
   * into INVALID_INPUT. A request the vendor cannot take at all throws INVALID_INPUT naming the field.
   * `explicit` holds the option names the client actually sent (the rest are defaults). Absent: applied as given.
   */
  reconcile?(options: Options, input: GenerationJob["input"] & { text?: string }, explicit?: ReadonlySet<string>): Reconciled;
}

export interface ProviderSpec {
  id: string;
  name: string;
  vendor: string;
  description: string;
  features: readonly string[];
  limitations: readonly string[];
  models: Partial<Record<GenerationType, ModelSpec>>;
  /** Environment variables that must all be set before real calls go to this vendor. */
  credentials: readonly string[];
  /** Alternative complete sets (Vertex instead of an API key…); any one makes the provider available. Default: [credentials]. */
  credentialSets?: readonly (readonly string[])[];
  /** The vendor's stock voices (AUDIO, AVATAR): portable voice names resolve among them (unified/presets.ts). */
  voices?: Stock<StockVoice>;
  /** The vendor's stock avatars (AVATAR). */
  avatars?: Stock<StockAvatar>;
  /** True for the local preview provider: real files, no AI model. */
  preview?: boolean;
  /** Relative output quality 0–100 (used by auto-selection). */
  quality: number;
}

export interface GenerationJob {
  /**
   * The generation's id; for the second and later outputs made as separate vendor jobs (numOutputs), `<id>.<index>`,
   * so vendors that dedupe on our reference (Kling external_task_id, Hedra idempotency_key) see distinct jobs.
   * Callback URLs are built from the generation itself and always name it.
   */
  generationId: string;
  type: GenerationType;
  text: string;
  input: { image?: string; endImage?: string; voice?: string; audio?: string; video?: string };
  /** The applied options (after defaults and reconciliation). */
  options: Options;
  /** TEST jobs go to the vendor's built-in fake, never to the vendor. */
  mode: KeyMode;
}

/** Where and how to reach the vendor for one job: the real API (LIVE) or its built-in fake (TEST). */
export interface VendorContext {
  baseUrl: string;
  /** A credential by its env var name (a fixed fake value in the sandbox). Throws when unset. */
  credential(name: string): string;
  /** An optional setting by env var name (region, project…), undefined when unset. */
  setting(name: string): string | undefined;
  sandbox: boolean;
  /** Multiplies every wait (poll intervals, backoff, Retry-After): 1 live, smaller against fakes. */
  timeScale: number;
  /** Where the vendor may POST status changes for this generation; absent when this server has no public URL. */
  callbackUrl?: string;
  /** Secret for vendors that sign callbacks with one we hand them (BFL `webhook_secret`). */
  callbackSecret: string;
}

export interface RunContext {
  signal: AbortSignal;
  /** A directory private to this generation, kept until the result is stored. */
  workDir: string;
  /** Progress 0–100 of the provider's own work. */
  onProgress(percent: number): void;
  vendor: VendorContext;
  /** Resolves when a vendor callback for this generation arrives, or after `ms`, whichever is first. */
  waitForCallback(ms: number): Promise<void>;
  /**
   * When the work started and how long this model usually takes (p50 from our history, else the catalog), so
   * progress can be estimated for vendors that report none.
   */
  timing?: { startedAt: Date; expectedSeconds: number };
  /**
   * Set when the engine follows in slices (Inngest: each slice a step, a waitForEvent for the vendor's callback
   * between them): polling stops after this long with a `slice` result instead of holding one step open for minutes.
   */
  followSliceMs?: number;
}

export interface ProviderResult {
  /** Path of the finished file inside workDir (the first, when the job made several). */
  file: string;
  /** Every file of a job that made several (numOutputs treated natively), in the vendor's order, `file` first. */
  files?: string[];
}

/**
 * The vendor's reference to an accepted job, persisted before following it, so a restarted workflow follows the
 * same job instead of submitting (and paying for) another.
 */
export interface VendorTask {
  id: string;
  [key: string]: string | number | boolean | null;
}

/** The vendor's work is over and this is what it made. */
export interface Done<T> {
  kind: "done";
  value: T;
}

/**
 * Followed in slices (RunContext.followSliceMs) and the task was still running when this slice ended: the engine
 * waits up to `waitMs` for a callback, then follows again. An expected answer, not an error.
 */
export interface SliceEnded {
  kind: "slice";
  waitMs: number;
}

/** What following a vendor task came to; a failure is a thrown ProviderError. */
export type Followed<T> = Done<T> | SliceEnded;

/** Synchronous vendors answer with the files (`done`); the rest with a task to follow. */
export type Submission = Done<ProviderResult> | { kind: "task"; task: VendorTask };

export interface CallbackRequest {
  headers: Headers;
  body: string;
  query: URLSearchParams;
}

export interface CallbackOutcome {
  /** A reply the vendor expects (MiniMax's challenge echo); default 200 `{"ok":true}`. */
  reply?: { status: number; json: unknown };
  /** false: the signature was checked and is wrong, so the callback is ignored. */
  authentic: boolean;
  /**
   * For vendors that post every event of the account to one registered URL (HeyGen): the generation this signed
   * event is about (our client reference echoed back), since the URL cannot carry it.
   */
  generationId?: string;
}

/** One adapter per provider id: submit, follow, cancel, callbacks. See lib/providers/http for the shared parts. */
export interface ProviderAdapter {
  id: string;
  /** The vendor's API root, overridable with `baseUrlEnv` (regional endpoints, proxies). */
  defaultBaseUrl: string;
  baseUrlEnv?: string;
  submit(job: GenerationJob, ctx: RunContext): Promise<Submission>;
  /**
   * Polls (and listens for callbacks) until the task ends, then downloads the result into workDir; followed in
   * slices, it may instead answer that the slice ended with the task still running.
   */
  follow?(job: GenerationJob, task: VendorTask, ctx: RunContext): Promise<Followed<ProviderResult>>;
  /** Asks the vendor to stop, where it can. Best effort. */
  cancel?(task: VendorTask, ctx: RunContext): Promise<void>;
  /** Checks a vendor callback (signature or challenge); the workflow then re-queries the vendor. */
  receiveCallback?(request: CallbackRequest, vendor: VendorContext): CallbackOutcome | Promise<CallbackOutcome>;
  /** The built-in fake of this vendor's API, used by TEST jobs and by the adapter's tests. */
  createFake?(): import("./sandbox/fake-app").FakeApp;
}
