import type { GenerationJob, Options, Reconciled } from "../types";

/** Our model names → Vertex AI model ids. */
export const IMAGEN_MODELS: Record<string, string> = {
  "imagen-4": "imagen-4.0-generate-001",
  "imagen-4-ultra": "imagen-4.0-ultra-generate-001",
  "imagen-4-fast": "imagen-4.0-fast-generate-001",
};

export const imagenModel = (o: Options) => IMAGEN_MODELS[String(o.model)] ?? IMAGEN_MODELS["imagen-4"];
const isFast = (o: Options) => imagenModel(o) === IMAGEN_MODELS["imagen-4-fast"];

/**
 * Imagen 4 Fast makes 1K images only, and Imagen takes a seed only with its SynthID watermark off.
 *
 * The seed rule needs to know whether the client chose the seed: the planner fills in a random seed for every
 * job, and that one must not cost the image its watermark. `explicit` (the option names the client sent) says
 * so; without it every seed is treated as the planner's, and dropped while the watermark is on (the applied
 * options then show no seed, which is the truth).
 */
export function reconcileImagen(options: Options, _input?: GenerationJob["input"], explicit?: ReadonlySet<string>): Reconciled {
  const applied = { ...options };
  const warnings: string[] = [];
  if (options.resolution === "2k" && isFast(options)) {
    applied.resolution = "1k";
    warnings.push("resolution 2k is not available on Imagen 4 Fast; using 1k");
  }
  if (options.seed !== undefined && options.watermark !== false) {
    if (explicit?.has("seed") && !explicit.has("watermark")) {
      applied.watermark = false;
      warnings.push("seed turns off Google's SynthID watermark: Imagen takes a seed only from unwatermarked requests");
    } else {
      delete applied.seed;
      if (explicit?.has("seed")) warnings.push("seed is ignored: Imagen takes a seed only with watermark false");
    }
  }
  return { applied, warnings };
}

export interface ImagenRequest {
  instances: [{ prompt: string }];
  parameters: {
    sampleCount: number;
    aspectRatio: string;
    sampleImageSize?: "1K" | "2K";
    seed?: number;
    enhancePrompt: boolean;
    personGeneration: string;
    safetySetting: string;
    addWatermark: boolean;
    includeRaiReason: boolean;
    outputOptions: { mimeType: "image/png" | "image/jpeg" };
  };
}

/**
 * Our job → `:predict`. One image per generation (the framework stores one file). No negativePrompt: Imagen 4
 * rejects it. `includeRaiReason` makes a filtered image come back with Google's reason instead of vanishing.
 */
export function toImagenRequest(job: GenerationJob): ImagenRequest {
  const o = job.options;
  const watermark = o.watermark !== false;
  return {
    instances: [{ prompt: job.text }],
    parameters: {
      sampleCount: 1,
      aspectRatio: String(o.aspectRatio ?? "1:1"),
      ...(isFast(o) ? {} : { sampleImageSize: o.resolution === "2k" ? ("2K" as const) : ("1K" as const) }),
      ...(!watermark && o.seed !== undefined ? { seed: Number(o.seed) } : {}),
      enhancePrompt: o.enhancePrompt !== false,
      personGeneration: String(o.personGeneration ?? "allow_adult"),
      safetySetting: String(o.safetySetting ?? "block_medium_and_above"),
      addWatermark: watermark,
      includeRaiReason: true,
      outputOptions: { mimeType: o.format === "jpeg" ? "image/jpeg" : "image/png" },
    },
  };
}

export interface ImagenPrediction {
  bytesBase64Encoded?: string;
  mimeType?: string;
  /** The rewritten prompt, when enhancePrompt changed it. */
  prompt?: string;
  raiFilteredReason?: string;
}

/** The first image, or why there is none: an empty list (or only filter reasons) means Google's safety filter removed it. */
export function imagenResult(predictions: ImagenPrediction[] | undefined): { bytes: Buffer; mimeType: string } | { filtered: string } {
  const image = predictions?.find((p) => p.bytesBase64Encoded);
  if (image) return { bytes: Buffer.from(image.bytesBase64Encoded as string, "base64"), mimeType: image.mimeType ?? "image/png" };
  const reasons = (predictions ?? []).map((p) => p.raiFilteredReason).filter(Boolean);
  return { filtered: reasons.join(" ") || "no image was returned" };
}
