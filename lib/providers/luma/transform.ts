import { ProviderError } from "../http/provider-error";
import type { GenerationJob, Options, Reconciled } from "../types";

export const LUMA_MODELS = ["ray-2", "ray-flash-2"] as const;
export const LUMA_RATIOS = ["16:9", "9:16", "1:1", "4:3", "3:4", "21:9", "9:21"] as const;
export const LUMA_RESOLUTIONS = ["540p", "720p", "1080p", "4k"] as const;

export type LumaModel = (typeof LUMA_MODELS)[number];
export const lumaModel = (o: Options): LumaModel => (o.model === "ray-flash-2" ? "ray-flash-2" : "ray-2");

export interface LumaKeyframe {
  type: "image";
  url: string;
}

export interface LumaGenerationRequest {
  generation_type?: "video";
  prompt: string;
  model: string;
  aspect_ratio: string;
  /** A string with a unit: "5s" | "9s". */
  duration: string;
  resolution: string;
  loop: boolean;
  keyframes?: { frame0?: LumaKeyframe; frame1?: LumaKeyframe };
  callback_url?: string;
}

/**
 * Our job → `POST /generations/video`. Luma fetches keyframe images itself and takes only http(s) URLs, so a data: URI
 * is refused here, before anything is sent (and before Luma could charge).
 */
export function toLumaRequest(job: GenerationJob, callbackUrl?: string): LumaGenerationRequest {
  const o = job.options;
  const frame0 = job.input.image ? keyframe(job.input.image, "input.image") : undefined;
  const frame1 = job.input.endImage ? keyframe(job.input.endImage, "input.endImage") : undefined;
  return {
    generation_type: "video",
    prompt: job.text,
    model: lumaModel(o),
    aspect_ratio: String(o.aspectRatio ?? "16:9"),
    duration: `${Number(o.duration ?? 5)}s`,
    resolution: String(o.resolution ?? "720p"),
    loop: o.loop === true,
    ...(frame0 || frame1 ? { keyframes: { ...(frame0 ? { frame0 } : {}), ...(frame1 ? { frame1 } : {}) } } : {}),
    ...(callbackUrl ? { callback_url: callbackUrl } : {}),
  };
}

/** Plan-time check: Luma cannot take inline images, so a data: URI is refused before anything is reserved. */
export function reconcileLuma(options: Options, input: GenerationJob["input"]): Reconciled {
  if (input.image) keyframe(input.image, "input.image");
  if (input.endImage) keyframe(input.endImage, "input.endImage");
  return { applied: options, warnings: [] };
}

function keyframe(uri: string, field: string): LumaKeyframe {
  if (!/^https?:\/\//i.test(uri)) {
    throw new ProviderError("INVALID_INPUT", `Luma fetches ${field} itself and accepts only a public http(s) URL, not a data: URI`, {
      provider: "luma",
      field,
    });
  }
  return { type: "image", url: uri };
}

export type LumaState = "queued" | "dreaming" | "completed" | "failed";

export interface LumaGeneration {
  id: string;
  generation_type?: string;
  state: LumaState;
  failure_reason?: string | null;
  created_at?: string;
  model?: string;
  assets?: { video?: string | null; image?: string | null; progress_video?: string | null } | null;
  request?: unknown;
}

/** Luma's error bodies: `{detail: "…"}`, FastAPI's `{detail: [{msg, loc}]}`, or `{error: {message, type, code}}`. */
export function lumaErrorReason(body: unknown): string {
  if (!body || typeof body !== "object") return "";
  const { detail, error } = body as { detail?: unknown; error?: { message?: string; code?: string } };
  if (typeof detail === "string") return detail;
  if (Array.isArray(detail)) {
    return detail.map((d: { msg?: string; loc?: unknown[] }) => [d.loc?.slice(1).join("."), d.msg].filter(Boolean).join(": ")).join("; ");
  }
  if (detail && typeof detail === "object" && "message" in detail) return String(detail.message);
  if (error && typeof error === "object") return String(error.message ?? error.code ?? "");
  return "";
}
