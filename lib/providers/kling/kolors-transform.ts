import type { GenerationJob, Options, Reconciled } from "../types";
import { KLING_PROMPT_MAX } from "./transform";

/** Our `version` → Kolors' `model_name` on Kling's image API. Only 1.5 takes a subject/face reference. */
export const KOLORS_MODELS: Record<string, string> = {
  "1.0": "kling-v1",
  "1.5": "kling-v1-5",
  "2.0": "kling-v2",
  "2.1": "kling-v2-1",
};

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

/** Kling bills Kolors per image: kling-v1 ≈ US$0.0035, later models ≈ US$0.014 (more at 2K). */
export function kolorsPrice(options: Options): number {
  if (options.version === "1.0") return 1;
  return options.resolution === "2k" ? 3 : 2;
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
 * Our job → `POST /v1/images/generations`. Always `n: 1`: a generation stores one file, and Kling bills every
 * image it makes, so asking for more would charge for images nobody can fetch.
 */
export function toKolorsRequest(job: GenerationJob, image: string | undefined, callbackUrl?: string): KolorsRequest {
  const o = job.options;
  const version = KOLORS_MODELS[String(o.version)] ? String(o.version) : "2.1";
  const body: KolorsRequest = {
    model_name: KOLORS_MODELS[version],
    prompt: job.text.slice(0, KLING_PROMPT_MAX),
    resolution: o.resolution === "2k" ? "2k" : "1k",
    n: 1,
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
