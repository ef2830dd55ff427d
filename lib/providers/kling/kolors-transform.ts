import { rate } from "../rates";
import type { GenerationJob, Lineup, Options, Rates, Reconciled } from "../types";
import { KLING_PROMPT_MAX } from "./transform";

/**
 * Our `version` → Kolors' `model_name` on Kling's image API (`POST /v1/images/generations`). Only 1.5 takes a
 * subject/face reference. Kling retired the kling-v2 image model on 2026-09-15 (Comfy-Org/ComfyUI#15676 removed it
 * "ahead of the September 15 retirement"); it is refused by name. Checked 2026-12-05.
 */
const SOURCE = "Kling image generation API reference; kling-v2 retirement per Comfy-Org/ComfyUI#15676 (checked 2026-12-05)";
export const KOLORS_LINEUP: Lineup = {
  option: "version",
  models: [
    { id: "1.0", vendorModelId: "kling-v1", status: "GA", source: SOURCE },
    { id: "1.5", vendorModelId: "kling-v1-5", status: "GA", source: SOURCE },
    { id: "2.1", vendorModelId: "kling-v2-1", status: "GA", source: SOURCE },
    { id: "2.0", vendorModelId: "kling-v2", status: "RETIRED", sunsetAt: "2026-09-15", successor: "2.1", source: SOURCE },
  ],
};
/** Served versions → `model_name`, from the lineup. */
export const KOLORS_MODELS: Record<string, string> = Object.fromEntries(KOLORS_LINEUP.models.filter((m) => m.status !== "RETIRED").map((m) => [m.id, m.vendorModelId]));

export const KOLORS_RATIOS = ["1:1", "16:9", "9:16", "4:3", "3:4", "3:2", "2:3", "21:9"];

/**
 * What Kolors will be sent, with a warning per change. Kolors takes no negative prompt when it starts from an
 * image; the subject/face reference is a v1.5 feature; the reference strength needs a reference image.
 */
export function reconcileKolors(options: Options, input: GenerationJob["input"]): Reconciled {
  const applied = { ...options };
  const warnings: string[] = [];
  const hasImage = Boolean(input.image);
  if (hasImage && options.negativePrompt !== undefined) {
    delete applied.negativePrompt;
    warnings.push("negativePrompt is ignored: Kolors takes no negative prompt when it starts from input.image");
  }
  if (options.reference !== undefined && (!hasImage || options.version !== "1.5")) {
    delete applied.reference;
    warnings.push(`reference ${options.reference} is ignored: Kolors uses a subject or face reference only with input.image on version 1.5`);
  }
  if (options.imageFidelity !== undefined && !hasImage) {
    delete applied.imageFidelity;
    warnings.push("imageFidelity is ignored without input.image");
  }
  return { applied, warnings };
}

/**
 * US cents per image: `1.0.perImage` for kling-v1 (first list: ≈ US$0.0035, rounded up to a cent), else
 * `1k.perImage` or `2k.perImage` by resolution (≈ US$0.014, more at 2K).
 */
export function kolorsCost(rates: Rates, options: Options): number {
  if (options.version === "1.0") return rate(rates, "1.0.perImage");
  return rate(rates, options.resolution === "2k" ? "2k.perImage" : "1k.perImage");
}

export interface KolorsRequest {
  model_name: string;
  prompt: string;
  negative_prompt?: string;
  image?: string;
  image_reference?: "subject" | "face";
  image_fidelity?: number;
  resolution: "1k" | "2k";
  n: number;
  aspect_ratio: string;
  callback_url?: string;
}

/**
 * Our job → `POST /v1/images/generations`. `n` is the number of outputs (`count`, the unified numOutputs): Kling
 * returns them all in one task and bills each image, as we charge each output.
 */
export function toKolorsRequest(job: GenerationJob, image: string | undefined, callbackUrl?: string): KolorsRequest {
  const o = job.options;
  const version = KOLORS_MODELS[String(o.version)] ? String(o.version) : "2.1";
  const body: KolorsRequest = {
    model_name: KOLORS_MODELS[version],
    prompt: job.text.slice(0, KLING_PROMPT_MAX),
    resolution: o.resolution === "2k" ? "2k" : "1k",
    n: Math.max(1, Number(o.count ?? 1)),
    aspect_ratio: KOLORS_RATIOS.includes(String(o.aspectRatio)) ? String(o.aspectRatio) : "1:1",
  };
  if (o.negativePrompt && !image) body.negative_prompt = String(o.negativePrompt).slice(0, KLING_PROMPT_MAX);
  if (image) {
    body.image = image;
    if (version === "1.5") body.image_reference = o.reference === "face" ? "face" : "subject";
    if (o.imageFidelity !== undefined) body.image_fidelity = Number(o.imageFidelity);
  }
  if (callbackUrl) body.callback_url = callbackUrl;
  return body;
}
