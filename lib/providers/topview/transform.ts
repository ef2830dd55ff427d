import { ProviderError } from "../http/provider-error";
import type { GenerationJob, Options, Reconciled } from "../types";

export const TOPVIEW_RATIOS = ["9:16", "3:4", "1:1", "4:3", "16:9"] as const;
export const TOPVIEW_LANGUAGES = [
  "en",
  "ar",
  "bg",
  "hr",
  "cs",
  "da",
  "nl",
  "fil",
  "fi",
  "fr",
  "de",
  "el",
  "hi",
  "hu",
  "id",
  "it",
  "ja",
  "ko",
  "ms",
  "nb",
  "pl",
  "pt",
  "ro",
  "ru",
  "zh-CN",
  "zh-Hant",
  "sk",
  "es",
  "sv",
  "tr",
  "uk",
  "vi",
  "th",
] as const;

/**
 * Our `duration` (the longest length wanted) → Topview's `videoLengthType`: 2 = 15–30 s, 3 = 30–45 s, 4 = 45–60 s.
 * (Type 1, 30–50 s, is Topview's default and overlaps the others, so it is not offered.)
 */
export const TOPVIEW_LENGTHS: Record<string, { type: number; min: number; max: number }> = {
  "30": { type: 2, min: 15, max: 30 },
  "45": { type: 3, min: 30, max: 45 },
  "60": { type: 4, min: 45, max: 60 },
};
export const LENGTH_RANGES: Record<number, [number, number]> = { 1: [30, 50], 2: [15, 30], 3: [30, 45], 4: [45, 60] };

export function reconcileTopview(options: Options, input: GenerationJob["input"]): Reconciled {
  assertTopviewSource({ options, input });
  const warnings = options.productUrl && input.image ? ["input.image is ignored: with productUrl, Topview uses the product page's own images"] : [];
  return { applied: options, warnings };
}

export interface TopviewSubmit {
  productLink?: string;
  fileIds?: string[];
  productName?: string;
  productDescription: string;
  aspectRatio: string;
  language: string;
  voiceId?: string;
  aiavatarId?: string;
  videoLengthType: number;
  /** "false": Topview exports the finished video itself (no separate export call). */
  preview: "false";
  noticeUrl?: string;
}

/**
 * Topview needs a product page or uploaded material. Checked before any upload or submit, so nothing is spent;
 * the catalog cannot express "one of two" as a required input.
 */
export function assertTopviewSource(job: Pick<GenerationJob, "options" | "input">): void {
  if (!job.options.productUrl && !job.input.image) {
    throw new ProviderError("INVALID_INPUT", "Topview needs options.productUrl (a product page) or input.image (a product photo)", {
      provider: "topview",
      field: "options.productUrl",
    });
  }
}

/**
 * Our job → `POST /v1/m2v/task/submit`. The prompt is the product description Topview writes the ad's script
 * from; without a product page it also needs a product name, taken from the prompt's first words unless given.
 */
export function toTopviewSubmit(job: GenerationJob, fileIds: string[], noticeUrl?: string): TopviewSubmit {
  const o = job.options;
  const productLink = o.productUrl ? String(o.productUrl) : undefined;
  const productName = o.productName ? String(o.productName) : productLink ? undefined : nameFrom(job.text);
  return {
    ...(productLink ? { productLink } : { fileIds }),
    ...(productName ? { productName } : {}),
    productDescription: job.text,
    aspectRatio: String(o.aspectRatio ?? "9:16"),
    language: String(o.language ?? "en"),
    ...(job.input.voice ? { voiceId: job.input.voice } : {}),
    ...(o.avatarId ? { aiavatarId: String(o.avatarId) } : {}),
    videoLengthType: (TOPVIEW_LENGTHS[String(o.duration)] ?? TOPVIEW_LENGTHS["30"]).type,
    preview: "false",
    ...(noticeUrl ? { noticeUrl } : {}),
  };
}

/** The prompt's first sentence, cut at a word boundary to 60 characters. */
function nameFrom(text: string): string {
  const first = text.split(/[.!?\n]/)[0].trim() || text.trim();
  if (first.length <= 60) return first;
  return first.slice(0, 60).replace(/\s+\S*$/, "");
}

/** `format` for the upload credential, from the image's sniffed type. */
export const UPLOAD_FORMATS: Record<string, string> = { "image/png": "png", "image/jpeg": "jpg", "image/webp": "webp" };

export interface TopviewEnvelope<T> {
  code: string | number;
  message?: string;
  result?: T | null;
}

export interface TopviewVideo {
  scriptId: number;
  status?: string | null;
  title?: string | null;
  description?: string | null;
  videoUrl?: string | null;
  coverUrl?: string | null;
  /** Milliseconds. */
  videoDuration?: number | null;
  videoEtag?: string | null;
}

export interface TopviewTask {
  taskId: string;
  status?: string;
  errorMsg?: string | null;
  previewVideos?: TopviewVideo[] | null;
  exportVideos?: TopviewVideo[] | null;
}

/** Topview answers `code: "200"` for success; some clients see a numeric 0, so both count. */
export const isTopviewSuccess = (code: unknown) => String(code) === "200" || String(code) === "0";

/**
 * Task and export status → ours. Topview's reference lists init | running | success | fail; older docs and
 * clients show other words, and the strings are not guaranteed [U], so near variants are accepted as well.
 */
export function topviewPhase(status: string | null | undefined): "pending" | "succeeded" | "failed" {
  const s = String(status ?? "").toLowerCase();
  if (["success", "succeeded", "succeed", "completed", "complete", "finished", "done"].includes(s)) return "succeeded";
  if (["fail", "failed", "failure", "error", "cancelled", "canceled"].includes(s)) return "failed";
  return "pending"; // init, running, processing, pending, queued, waiting, or not yet set
}
