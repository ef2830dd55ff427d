import type { GenerationJob, Lineup, Options, Reconciled } from "../types";

const SOURCE = "Stability OpenAPI v2beta (copy in tryAGI/StabilityAI src/libs/StabilityAI/openapi.yaml), checked 2026-12-05";

/**
 * Stability's image models on v2beta. Core and Ultra are endpoints of their own; the SD 3.5 models share
 * `generate/sd3` and are told apart by its `model` field, whose published enum this follows.
 */
export const STABILITY_LINEUP: Lineup = {
  option: "model",
  models: [
    { id: "core", vendorModelId: "stable-image-core", status: "GA", source: SOURCE },
    { id: "ultra", vendorModelId: "stable-image-ultra", status: "GA", source: SOURCE },
    { id: "sd3.5-large", vendorModelId: "sd3.5-large", status: "GA", source: SOURCE },
    { id: "sd3.5-large-turbo", vendorModelId: "sd3.5-large-turbo", status: "GA", source: SOURCE },
    { id: "sd3.5-medium", vendorModelId: "sd3.5-medium", status: "GA", source: SOURCE },
  ],
};

/** The shapes Stability's v2beta generate endpoints accept. */
export const STABILITY_RATIOS = ["16:9", "1:1", "21:9", "2:3", "3:2", "4:5", "5:4", "9:16", "9:21"] as const;
/** Our shapes Stability lacks → its nearest one. */
export const NEAREST_RATIO: Record<string, string> = { "4:3": "5:4", "3:4": "4:5" };

/** Our unified `style` → Stability's `style_preset`. `minimal` has no preset and goes into the prompt instead. */
export const STYLE_PRESETS: Record<string, string> = {
  cinematic: "cinematic",
  photorealistic: "photographic",
  anime: "anime",
  illustration: "digital-art",
  "3d": "3d-model",
  vintage: "analog-film",
  neon: "neon-punk",
};

/** SD 3.5 Large Turbo ignores negative prompts (it runs without classifier-free guidance). */
const NO_NEGATIVE = new Set(["sd3.5-large-turbo"]);

export function reconcileStability(options: Options, _input: GenerationJob["input"]): Reconciled {
  const applied = { ...options };
  const warnings: string[] = [];
  const ratio = String(options.aspectRatio);
  if (NEAREST_RATIO[ratio]) {
    applied.aspectRatio = NEAREST_RATIO[ratio];
    warnings.push(`aspectRatio ${ratio} is not offered by Stability; using ${NEAREST_RATIO[ratio]}`);
  }
  if (options.style !== undefined && !STYLE_PRESETS[String(options.style)]) {
    warnings.push(`style ${options.style} has no Stability preset; it is added to the prompt instead`);
  }
  if (options.negativePrompt && NO_NEGATIVE.has(String(options.model))) {
    delete applied.negativePrompt;
    warnings.push(`negativePrompt is ignored by ${options.model}; it was dropped`);
  }
  return { applied, warnings };
}

/** The prompt with a style that has no preset spelled out, the way the other providers take styles. */
export function promptWithStyle(text: string, style: Options[string] | undefined, presets: Record<string, string> = STYLE_PRESETS): string {
  return style !== undefined && !presets[String(style)] ? `${text}, ${style} style` : text;
}

export interface StabilityFields {
  prompt: string;
  aspect_ratio: string;
  output_format: "png" | "jpeg" | "webp";
  negative_prompt?: string;
  seed?: string;
  style_preset?: string;
  model?: string;
}

/**
 * Our job → the endpoint and the multipart fields of `POST /v2beta/stable-image/generate/{core|ultra|sd3}`
 * (Stability REST API v2beta, per its published OpenAPI; checked 2026-12-05).
 */
export function toStabilityRequest(job: GenerationJob): { path: string; fields: StabilityFields } {
  const o = job.options;
  const model = String(o.model ?? "core");
  const ratio = String(o.aspectRatio ?? "1:1");
  const fields: StabilityFields = {
    prompt: promptWithStyle(job.text, o.style),
    aspect_ratio: NEAREST_RATIO[ratio] ?? ratio,
    output_format: o.format === "jpeg" ? "jpeg" : o.format === "webp" ? "webp" : "png",
  };
  if (o.negativePrompt && !NO_NEGATIVE.has(model)) fields.negative_prompt = String(o.negativePrompt);
  if (o.seed !== undefined) fields.seed = String(o.seed);
  if (o.style !== undefined && STYLE_PRESETS[String(o.style)]) fields.style_preset = STYLE_PRESETS[String(o.style)];
  if (model.startsWith("sd3")) fields.model = STABILITY_LINEUP.models.find((m) => m.id === model)?.vendorModelId ?? model;
  const endpoint = model === "ultra" ? "ultra" : model.startsWith("sd3") ? "sd3" : "core";
  return { path: `/v2beta/stable-image/generate/${endpoint}`, fields };
}

export function toFormData(fields: StabilityFields): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields) as [string, string | undefined][]) if (value !== undefined) form.append(key, value);
  return form;
}

/** Stability's error body. */
export interface StabilityError {
  id?: string;
  name?: string;
  errors?: string[];
  message?: string;
}
