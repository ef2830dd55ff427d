import type { GenerationJob, Options, Reconciled } from "../types";

export type BflProviderId = "flux-dev" | "flux-pro" | "flux-1.1-pro" | "flux-ultra" | "flux-kontext";

/** Frame shapes every FLUX model here can make (ultra takes 21:9…9:21, Kontext 3:7…7:3). */
export const BFL_RATIOS = ["1:1", "16:9", "9:16", "4:3", "3:4", "3:2", "2:3", "21:9", "9:21"] as const;

/**
 * Pixel sizes near 1 MP for the models that take width/height. BFL's API reference asks for multiples of 32
 * (256–1440) on flux-dev, flux-pro and flux-pro-1.1, other sources say 16: a multiple of 32 satisfies both. 16:9
 * and 9:16 are the only shapes off by a hair (1376×768 is 1.79 rather than 1.78).
 */
export const BFL_SIZES: Record<string, { width: number; height: number }> = {
  "1:1": { width: 1024, height: 1024 },
  "16:9": { width: 1376, height: 768 },
  "9:16": { width: 768, height: 1376 },
  "4:3": { width: 1152, height: 864 },
  "3:4": { width: 864, height: 1152 },
  "3:2": { width: 1248, height: 832 },
  "2:3": { width: 832, height: 1248 },
  "21:9": { width: 1344, height: 576 },
  "9:21": { width: 576, height: 1344 },
};

/** Kontext keeps the moderation of image edits tight: BFL caps safety_tolerance at 2 when an input image is sent. */
export const KONTEXT_EDIT_MAX_TOLERANCE = 2;

export function bflEndpoint(id: BflProviderId, options: Options): string {
  switch (id) {
    case "flux-dev":
      return "/v1/flux-dev";
    case "flux-pro":
      return "/v1/flux-pro";
    case "flux-1.1-pro":
      return "/v1/flux-pro-1.1";
    case "flux-ultra":
      return "/v1/flux-pro-1.1-ultra";
    case "flux-kontext":
      return options.mode === "max" ? "/v1/flux-kontext-max" : "/v1/flux-kontext-pro";
  }
}

/** Kontext edits cannot loosen moderation past 2; everything else is applied as given. */
export function reconcileBfl(id: BflProviderId) {
  return (options: Options, input: GenerationJob["input"]): Reconciled => {
    const applied = { ...options };
    const warnings: string[] = [];
    if (id === "flux-kontext" && input.image && Number(options.safetyTolerance) > KONTEXT_EDIT_MAX_TOLERANCE) {
      applied.safetyTolerance = KONTEXT_EDIT_MAX_TOLERANCE;
      warnings.push(`safetyTolerance ${options.safetyTolerance} is not allowed when FLUX Kontext edits an image (at most 2); using 2`);
    }
    return { applied, warnings };
  };
}

export interface BflRequest {
  prompt: string;
  width?: number;
  height?: number;
  aspect_ratio?: string;
  seed?: number;
  prompt_upsampling?: boolean;
  safety_tolerance?: number;
  output_format?: "jpeg" | "png";
  steps?: number;
  guidance?: number;
  raw?: boolean;
  image_prompt?: string;
  input_image?: string;
  webhook_url?: string;
  webhook_secret?: string;
}

export interface BflWebhook {
  url: string;
  secret: string;
}

/**
 * Our job → the JSON body of `POST /v1/<model>`. `image` is the input image as raw base64 (BFL's `image_prompt`
 * and Kontext's `input_image` take base64, not URLs we would have to expose).
 */
export function toBflRequest(id: BflProviderId, job: GenerationJob, image?: string, webhook?: BflWebhook): BflRequest {
  const o = job.options;
  const ratio = String(o.aspectRatio ?? "1:1");
  const body: BflRequest = { prompt: job.text };
  if (id === "flux-ultra" || id === "flux-kontext") {
    // Kontext editing keeps the input image's shape unless told otherwise; we only send a shape for new images.
    if (!(id === "flux-kontext" && image)) body.aspect_ratio = ratio;
  } else {
    Object.assign(body, BFL_SIZES[ratio] ?? BFL_SIZES["1:1"]);
  }
  if (o.seed !== undefined) body.seed = Number(o.seed);
  if (o.promptUpsampling !== undefined) body.prompt_upsampling = Boolean(o.promptUpsampling);
  if (o.safetyTolerance !== undefined) body.safety_tolerance = Number(o.safetyTolerance);
  body.output_format = o.format === "png" ? "png" : "jpeg";
  if ((id === "flux-dev" || id === "flux-pro") && o.steps !== undefined) body.steps = Number(o.steps);
  if ((id === "flux-dev" || id === "flux-pro") && o.guidance !== undefined) body.guidance = Number(o.guidance);
  if (id === "flux-ultra") body.raw = o.quality === "raw";
  if (image) {
    if (id === "flux-kontext") body.input_image = image;
    else body.image_prompt = image;
  }
  if (webhook) {
    body.webhook_url = webhook.url;
    body.webhook_secret = webhook.secret;
  }
  return body;
}

export type BflStatus = "Pending" | "Ready" | "Error" | "Failed" | "Task not found" | "Request Moderated" | "Content Moderated";

/** `GET /v1/get_result` (the polling_url). Older SDKs read `state` instead of `status`. */
export interface BflResult {
  id?: string;
  /** A BflStatus, or a status this code does not know yet (handled as an error). */
  status?: string;
  state?: string;
  result?: { sample?: string; seed?: number; prompt?: string } | null;
  progress?: number | null;
  details?: Record<string, unknown> | null;
}

export type BflOutcome = { kind: "pending"; progress?: number } | { kind: "ready"; url: string } | { kind: "failed"; moderated: boolean; status: string; reason: string };

/** One poll answer → what it means for us. Anything unknown is treated as still pending until the time limit. */
export function bflOutcome(r: BflResult): BflOutcome {
  const status = String(r.status ?? r.state ?? "");
  const reason = describeDetails(r.details);
  switch (status) {
    case "Ready":
      return r.result?.sample ? { kind: "ready", url: r.result.sample } : { kind: "failed", moderated: false, status, reason: "BFL reported Ready without a result image" };
    case "Request Moderated":
    case "Content Moderated":
      return { kind: "failed", moderated: true, status, reason: reason || status };
    case "Error":
    case "Failed":
      return { kind: "failed", moderated: false, status, reason: reason || status };
    case "Task not found":
      return { kind: "failed", moderated: false, status, reason: "BFL no longer knows this task (it may have expired)" };
    default: {
      const p = typeof r.progress === "number" ? r.progress : undefined;
      return { kind: "pending", progress: p === undefined ? undefined : Math.round(p <= 1 ? p * 100 : p) };
    }
  }
}

function describeDetails(details: BflResult["details"]): string {
  if (!details) return "";
  return Object.entries(details)
    .map(([key, value]) => `${key}: ${Array.isArray(value) ? value.join(", ") : String(value)}`)
    .join("; ");
}

/**
 * The polling_url BFL returned, if it points at BFL (or at the configured base URL): we send our x-key to it, so
 * a URL anywhere else is replaced by the documented `/v1/get_result?id=` on our own base URL.
 */
export function safePollingUrl(pollingUrl: string | undefined, id: string, baseUrl: string): string {
  const fallback = `${baseUrl.replace(/\/+$/, "")}/v1/get_result?id=${encodeURIComponent(id)}`;
  if (!pollingUrl) return fallback;
  try {
    const url = new URL(pollingUrl);
    const base = new URL(baseUrl);
    if (url.origin === base.origin) return url.toString();
    if (url.protocol === "https:" && /(^|\.)bfl\.(ai|ml)$/.test(url.hostname)) return url.toString();
  } catch {
    // not a URL: fall through
  }
  return fallback;
}
