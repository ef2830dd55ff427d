import { invalidInput } from "../../errors";
import type { GoogleStatus } from "../google/errors";
import type { GenerationJob, Options, Reconciled } from "../types";
import { veoModel, veoModelId } from "./models";

/**
 * Veo 3.1 on Vertex AI (`:predictLongRunning`), as `@google/genai` 3.1.0 writes it (generateVideosParametersToVertex):
 * instances[0] {prompt, image, lastFrame, referenceImages[{image, referenceType}]}, parameters {sampleCount,
 * durationSeconds, aspectRatio, resolution, negativePrompt, seed, generateAudio}.
 */

/** What the request will carry for these options, and why when it differs from what was asked. Pure. */
export function reconcileVeo(options: Options, input: GenerationJob["input"]): Reconciled {
  const applied = { ...options };
  const warnings: string[] = [];
  const id = veoModelId(options);
  const model = veoModel(options);
  const reference = options.imageAs === "reference";
  if (reference && !model.references) throw invalidInput("options.imageAs", `${id} takes no reference images; use veo-3.1 or veo-3.1-fast`);
  if (reference && Number(options.duration) !== 8) {
    // Only an explicit shorter clip gets here (the default is 8 s); making it longer would cost more than asked.
    throw invalidInput("options.duration", "Veo uses reference images only in 8 second clips");
  }
  if (!model.resolutions.includes(String(applied.resolution))) {
    applied.resolution = "1080p";
    warnings.push(`resolution ${options.resolution} is not available on ${id}; using 1080p`);
  }
  if (applied.resolution !== "720p" && Number(options.duration) !== 8) {
    warnings.push(`resolution ${applied.resolution} is only made at 8 s; this ${options.duration} s clip uses 720p`);
    applied.resolution = "720p";
  }
  if (input.endImage && !input.image) warnings.push("input.endImage is ignored: Veo uses a last frame only together with a first frame (input.image)");
  else if (input.endImage && reference) warnings.push("input.endImage is ignored: a reference image is not a first frame, so there is no last frame to reach");
  else if (input.endImage && !model.lastFrame) warnings.push(`input.endImage is ignored: ${id} takes no last frame`);
  if (reference && !input.image) warnings.push("imageAs reference has no effect without input.image");
  return { applied, warnings };
}

/** Inline image bytes: Veo takes base64 or gs:// only, never an https URL. */
export interface VeoImage {
  bytesBase64Encoded: string;
  mimeType: string;
}

export interface VeoInstance {
  prompt: string;
  image?: VeoImage;
  lastFrame?: VeoImage;
  referenceImages?: { image: VeoImage; referenceType: "asset" | "style" }[];
}

export interface VeoRequest {
  instances: [VeoInstance];
  parameters: {
    sampleCount: number;
    durationSeconds: number;
    aspectRatio: string;
    resolution: string;
    negativePrompt?: string;
    seed?: number;
    generateAudio: boolean;
  };
}

/** Our job (applied options) → `:predictLongRunning`. Images were loaded and inlined by the adapter. */
export function toVeoRequest(job: GenerationJob, images: { image?: VeoImage; lastFrame?: VeoImage }): VeoRequest {
  const o = job.options;
  const model = veoModel(o);
  const instance: VeoInstance = { prompt: job.text };
  if (images.image && o.imageAs === "reference") instance.referenceImages = [{ image: images.image, referenceType: "asset" }];
  else if (images.image) {
    instance.image = images.image;
    if (images.lastFrame && model.lastFrame) instance.lastFrame = images.lastFrame;
  }
  return {
    instances: [instance],
    parameters: {
      sampleCount: 1,
      durationSeconds: Number(o.duration),
      aspectRatio: String(o.aspectRatio),
      resolution: String(o.resolution),
      ...(typeof o.negativePrompt === "string" && o.negativePrompt.trim() ? { negativePrompt: o.negativePrompt } : {}),
      ...(o.seed !== undefined ? { seed: Number(o.seed) } : {}),
      generateAudio: o.generateAudio !== false,
    },
  };
}

/** The long-running operation as `:fetchPredictOperation` returns it. */
export interface VeoOperation {
  name: string;
  done?: boolean;
  error?: GoogleStatus;
  response?: {
    videos?: { bytesBase64Encoded?: string; gcsUri?: string; mimeType?: string }[];
    raiMediaFilteredCount?: number;
    raiMediaFilteredReasons?: string[];
  };
}

export type VeoOutcome =
  { state: "running" } | { state: "failed"; error: GoogleStatus } | { state: "filtered"; reason: string } | { state: "video"; bytes?: string; gcsUri?: string };

/** done:false → running; done with `error` → failed; done without a video → the safety filter removed it. */
export function veoOutcome(op: VeoOperation): VeoOutcome {
  if (!op.done) return { state: "running" };
  if (op.error) return { state: "failed", error: op.error };
  const video = op.response?.videos?.find((v) => v.bytesBase64Encoded || v.gcsUri);
  if (video) return { state: "video", bytes: video.bytesBase64Encoded, gcsUri: video.gcsUri };
  const reasons = op.response?.raiMediaFilteredReasons ?? [];
  const count = op.response?.raiMediaFilteredCount ?? 0;
  return { state: "filtered", reason: reasons.join(" ") || (count > 0 ? `${count} video(s) removed` : "no video was returned") };
}

/** `gs://bucket/object` → the Cloud Storage JSON API media URL (read with the same OAuth token). */
export function gcsMediaUrl(gcsUri: string): string | undefined {
  const match = /^gs:\/\/([^/]+)\/(.+)$/.exec(gcsUri);
  return match ? `https://storage.googleapis.com/download/storage/v1/b/${match[1]}/o/${encodeURIComponent(match[2])}?alt=media` : undefined;
}
