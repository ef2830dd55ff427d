import type { GenerationJob, Options, Reconciled } from "../types";

/**
 * Our `version` option → Kling's `model_name`, with what each model can do. v1.5 and v2.1 (std/pro) only animate
 * an image; the Master models have a single quality level (no std/pro); cfg_scale is a v1.x control; an end
 * frame (`image_tail`) needs pro mode on the models that take one.
 */
interface KlingModel {
  name: string;
  textToVideo: boolean;
  modes: boolean;
  cfgScale: boolean;
  endFrame: boolean;
}

export const KLING_MODELS: Record<string, KlingModel> = {
  "1.0": { name: "kling-v1", textToVideo: true, modes: true, cfgScale: true, endFrame: false },
  "1.5": { name: "kling-v1-5", textToVideo: false, modes: true, cfgScale: true, endFrame: true },
  "1.6": { name: "kling-v1-6", textToVideo: true, modes: true, cfgScale: true, endFrame: true },
  "2.0": { name: "kling-v2-master", textToVideo: true, modes: false, cfgScale: false, endFrame: false },
  "2.1": { name: "kling-v2-1", textToVideo: false, modes: true, cfgScale: false, endFrame: true },
  "2.1-master": { name: "kling-v2-1-master", textToVideo: true, modes: false, cfgScale: false, endFrame: false },
};

export const KLING_VERSIONS = Object.keys(KLING_MODELS);
export const KLING_PROMPT_MAX = 2500;

/** The version that will run: an image-only version without an image falls back (see reconcileKling). */
export function klingVersion(options: Options, hasImage: boolean): string {
  const asked = KLING_MODELS[String(options.version)] ? String(options.version) : "1.6";
  if (hasImage || KLING_MODELS[asked].textToVideo) return asked;
  return asked === "2.1" ? "2.1-master" : "1.6";
}

/** Whether an end frame is sent: a first frame too, a model that takes one, and pro mode. */
export function usesEndFrame(options: Options, input: GenerationJob["input"]): boolean {
  const model = KLING_MODELS[klingVersion(options, Boolean(input.image))];
  return Boolean(input.image && input.endImage && model.endFrame && options.mode === "pro");
}

/**
 * What Kling will actually be sent for these options and inputs, with a warning per change. Changes that cost
 * more (text-to-video on 2.1 runs on 2.1 Master; an end frame needs pro) are priced from the applied options, so
 * the quote, `maxCost` and `strict` all see them before anything is spent.
 */
export function reconcileKling(options: Options, input: GenerationJob["input"]): Reconciled {
  const applied = { ...options };
  const warnings: string[] = [];
  const hasImage = Boolean(input.image);
  const asked = String(options.version);
  const version = klingVersion(options, hasImage);
  if (version !== asked) {
    applied.version = version;
    const why = version === "2.1-master" ? " (1080p, priced as Master)" : "";
    warnings.push(`Kling ${asked} only animates an image; without input.image this uses Kling ${version}${why}`);
  }
  const model = KLING_MODELS[version];
  if (hasImage && options.aspectRatio !== undefined) {
    // 16:9 is the catalog default, so only another shape was asked for on purpose.
    delete applied.aspectRatio;
    if (options.aspectRatio !== "16:9") warnings.push(`aspectRatio ${options.aspectRatio} is ignored: from an image, Kling keeps the image's shape`);
  }
  if (!model.cfgScale && options.cfgScale !== undefined) {
    delete applied.cfgScale;
    warnings.push(`cfgScale is ignored: Kling ${version} does not take it (v1.x only)`);
  }
  if (!model.modes && options.mode !== undefined) {
    delete applied.mode;
    if (options.mode === "pro") warnings.push(`mode pro is ignored: Kling ${version} Master has a single quality level`);
  }
  if (input.endImage) {
    if (!hasImage) {
      warnings.push("input.endImage is ignored: Kling needs input.image as the first frame to use an end frame");
    } else if (!model.endFrame) {
      warnings.push(`input.endImage is ignored: Kling ${version} has no end-frame control (1.5, 1.6 and 2.1 have it, in pro mode)`);
    } else if (applied.mode !== "pro") {
      applied.mode = "pro";
      warnings.push("mode pro (1080p) is used: Kling takes an end frame only in pro mode");
    }
  }
  return { applied, warnings };
}

/** Kling charges per 5 s in units (≈ US$0.14 each); credits per 5 s by model and mode. */
const CREDITS_PER_5S: Record<string, { std: number; pro: number }> = {
  "1.0": { std: 14, pro: 49 },
  "1.5": { std: 28, pro: 49 },
  "1.6": { std: 28, pro: 49 },
  "2.0": { std: 140, pro: 140 },
  "2.1": { std: 28, pro: 49 },
  "2.1-master": { std: 140, pro: 140 },
};

export function klingPrice(options: Options): number {
  const rate = CREDITS_PER_5S[String(options.version)] ?? CREDITS_PER_5S["1.6"];
  return (options.mode === "pro" ? rate.pro : rate.std) * (Number(options.duration) / 5);
}

/** Typical seconds to a result: Master and pro take longer, 10 s clips about twice as long. */
export function klingEstimatedSeconds(options: Options): number {
  const model = KLING_MODELS[String(options.version)];
  const per5s = model && !model.modes ? 300 : options.mode === "pro" ? 240 : 150;
  return per5s * (Number(options.duration) / 5);
}

export type KlingEndpoint = "text2video" | "image2video";

export interface KlingVideoRequest {
  model_name: string;
  prompt?: string;
  negative_prompt?: string;
  cfg_scale?: number;
  mode?: "std" | "pro";
  aspect_ratio?: string;
  duration: "5" | "10";
  image?: string;
  image_tail?: string;
  callback_url?: string;
  external_task_id?: string;
}

/** Images as Kling takes them: an https URL as is, or raw base64 without the `data:` prefix. */
export interface KlingImages {
  image?: string;
  imageTail?: string;
}

/**
 * Our job → `POST /v1/videos/{text2video|image2video}`. `external_task_id` is the generation id, so a repeated
 * submit of the same generation cannot make (and bill) a second video.
 */
export function toKlingVideoRequest(job: GenerationJob, images: KlingImages, callbackUrl?: string): { endpoint: KlingEndpoint; body: KlingVideoRequest } {
  const o = job.options;
  const hasImage = Boolean(images.image);
  const model = KLING_MODELS[klingVersion(o, hasImage)];
  const body: KlingVideoRequest = {
    model_name: model.name,
    prompt: job.text.slice(0, KLING_PROMPT_MAX),
    duration: Number(o.duration) === 10 ? "10" : "5",
    external_task_id: job.generationId,
  };
  if (o.negativePrompt) body.negative_prompt = String(o.negativePrompt).slice(0, KLING_PROMPT_MAX);
  if (model.cfgScale && o.cfgScale !== undefined) body.cfg_scale = Number(o.cfgScale);
  if (model.modes) body.mode = o.mode === "pro" ? "pro" : "std";
  if (!hasImage && o.aspectRatio) body.aspect_ratio = String(o.aspectRatio);
  if (images.image) body.image = images.image;
  if (images.imageTail && usesEndFrame(o, job.input)) body.image_tail = images.imageTail;
  if (callbackUrl) body.callback_url = callbackUrl;
  return { endpoint: hasImage ? "image2video" : "text2video", body };
}

export type KlingStatus = "submitted" | "processing" | "succeed" | "failed";

/** A task as Kling reports it, when polled and in callbacks. */
export interface KlingTask {
  task_id: string;
  task_status: KlingStatus;
  task_status_msg?: string;
  task_info?: { external_task_id?: string };
  task_result?: {
    videos?: { id: string; url: string; watermark_url?: string; duration?: string }[];
    images?: { index: number; url: string }[];
  };
  created_at?: number;
  updated_at?: number;
  final_unit_deduction?: string;
}
