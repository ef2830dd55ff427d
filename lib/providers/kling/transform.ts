import { rate } from "../rates";
import type { GenerationJob, Lineup, Options, Rates, Reconciled } from "../types";

/**
 * Our `version` option → Kling's `model_name`, with what each model can do. The Master models have a single quality
 * level (no std/pro); cfg_scale is a v1.x control; an end frame (`image_tail`) needs pro mode.
 */
interface KlingModel {
  modes: boolean;
  cfgScale: boolean;
  endFrame: boolean;
}

/**
 * Kling's video models: the `model_name` values of Kling's text2video/image2video API reference
 * (app.klingai.com/global/dev/document-api, as cited in KlingAIResearch/ComfyUI-KLingAI-API#22, 2026-08-14). Kling
 * retired kling-v1-5, kling-v1-6, kling-v2-1 and kling-v2-1-master on 2026-09-15 (Comfy-Org/docs#1326 migration
 * table); they are refused by name, never sent. Checked 2026-12-05.
 */
const SOURCE = "Kling API reference model_name enums via KlingAIResearch/ComfyUI-KLingAI-API#22 (2026-08-14); retirements per Comfy-Org/docs#1326 (checked 2026-12-05)";
const retired = (id: string, vendorModelId: string, successor: string) => ({ id, vendorModelId, status: "RETIRED" as const, sunsetAt: "2026-09-15", successor, source: SOURCE });
export const KLING_LINEUP: Lineup = {
  option: "version",
  models: [
    { id: "1.0", vendorModelId: "kling-v1", status: "GA", source: SOURCE },
    { id: "2.0", vendorModelId: "kling-v2-master", status: "GA", source: SOURCE },
    { id: "2.5-turbo", vendorModelId: "kling-v2-5-turbo", status: "GA", source: SOURCE },
    { id: "2.6", vendorModelId: "kling-v2-6", status: "GA", source: SOURCE },
    { id: "3.0", vendorModelId: "kling-v3", status: "GA", source: SOURCE },
    retired("1.5", "kling-v1-5", "2.6"),
    retired("1.6", "kling-v1-6", "2.6"),
    retired("2.1", "kling-v2-1", "2.5-turbo"),
    retired("2.1-master", "kling-v2-1-master", "2.6"),
  ],
};

/** Capabilities of the models still served (prices: see klingCost). */
export const KLING_MODELS: Record<string, KlingModel> = {
  "1.0": { modes: true, cfgScale: true, endFrame: false },
  "2.0": { modes: false, cfgScale: false, endFrame: false },
  "2.5-turbo": { modes: true, cfgScale: false, endFrame: true },
  "2.6": { modes: true, cfgScale: false, endFrame: true },
  "3.0": { modes: true, cfgScale: false, endFrame: true },
};

/** Kling's current recommended model for a request without a version. */
export const KLING_DEFAULT_VERSION = "3.0";
export const KLING_PROMPT_MAX = 2500;

/** The version that will run (a retired one never reaches here: planning refuses it by name). */
export function klingVersion(options: Options): string {
  return KLING_MODELS[String(options.version)] ? String(options.version) : KLING_DEFAULT_VERSION;
}

const wireName = (version: string) => KLING_LINEUP.models.find((m) => m.id === version)!.vendorModelId;

/** Whether an end frame is sent: a first frame too, a model that takes one, and pro mode. */
export function usesEndFrame(options: Options, input: GenerationJob["input"]): boolean {
  return Boolean(input.image && input.endImage && KLING_MODELS[klingVersion(options)].endFrame && options.mode === "pro");
}

/**
 * What Kling will actually be sent for these options and inputs, with a warning per change. Changes that cost
 * more (an end frame needs pro) are priced from the applied options, so the quote, `maxCost` and `strict` all see
 * them before anything is spent.
 */
export function reconcileKling(options: Options, input: GenerationJob["input"]): Reconciled {
  const applied = { ...options };
  const warnings: string[] = [];
  const hasImage = Boolean(input.image);
  const version = klingVersion(options);
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
      warnings.push(`input.endImage is ignored: Kling ${version} has no end-frame control (2.5-turbo, 2.6 and 3.0 have it, in pro mode)`);
    } else if (applied.mode !== "pro") {
      applied.mode = "pro";
      warnings.push("mode pro (1080p) is used: Kling takes an end frame only in pro mode");
    }
  }
  return { applied, warnings };
}

/**
 * US cents per 5 s by model and mode, `<version>.<std|pro>.per5s` in the price list (silent video; we never ask for
 * Kling's generated sound). The first list: 1.0 and 2.0 Master at Kling's unit prices (≈ US$0.14 a unit); 2.5 Turbo
 * and 2.6 1.5 units std / 2.5 units pro; 3.0 US$0.1764/s std, US$0.2352/s pro as resold at list price. Not confirmed
 * on Kling's own price page (unreachable here).
 */
export function klingCost(rates: Rates, options: Options): number {
  return rate(rates, `${klingVersion(options)}.${options.mode === "pro" ? "pro" : "std"}.per5s`) * (Number(options.duration) / 5);
}

/** Typical seconds to a result: Master and pro take longer, 10 s clips about twice as long. */
export function klingEstimatedSeconds(options: Options): number {
  const model = KLING_MODELS[klingVersion(options)];
  const per5s = !model.modes ? 300 : options.mode === "pro" ? 240 : 150;
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
  const version = klingVersion(o);
  const model = KLING_MODELS[version];
  const body: KlingVideoRequest = {
    model_name: wireName(version),
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
