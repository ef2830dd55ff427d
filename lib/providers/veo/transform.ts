import type { GoogleStatus } from "../google/errors";
import type { GenerationJob, Options, Reconciled } from "../types";
import type { VeoBackend } from "./client";

/** Our model names → Google's model ids (the same on the Gemini API and Vertex AI). */
export const VEO_MODELS: Record<string, string> = {
  "veo-3": "veo-3.0-generate-001",
  "veo-3-fast": "veo-3.0-fast-generate-001",
};

export const veoModel = (o: Options) => VEO_MODELS[String(o.model)] ?? VEO_MODELS["veo-3"];

/** Veo 3 makes 1080p only in 16:9, and takes a last frame only together with a first frame. */
export function reconcileVeo(options: Options, input: GenerationJob["input"]): Reconciled {
  const applied = { ...options };
  const warnings: string[] = [];
  if (options.resolution === "1080p" && options.aspectRatio === "9:16") {
    applied.resolution = "720p";
    warnings.push("resolution 1080p is only available in 16:9 on Veo 3; using 720p for 9:16");
  }
  if (input.endImage && !input.image) {
    warnings.push("input.endImage is ignored: Veo uses a last frame only together with a first frame (input.image)");
  }
  return { applied, warnings };
}

/** Inline image bytes: Veo takes base64 or gs:// only, never an https URL. */
export interface VeoImage {
  bytesBase64Encoded: string;
  mimeType: string;
}

export interface VeoRequest {
  instances: [{ prompt: string; image?: VeoImage; lastFrame?: VeoImage }];
  parameters: {
    sampleCount: number;
    durationSeconds: number;
    aspectRatio: string;
    resolution: string;
    negativePrompt?: string;
    seed?: number;
    generateAudio?: boolean;
  };
}

/**
 * Our job → `:predictLongRunning`. `generateAudio` exists only on Vertex AI (the Gemini API rejects it and always
 * adds sound; the adapter removes the track afterwards when audio was turned off).
 */
export function toVeoRequest(job: GenerationJob, backend: VeoBackend, images: { image?: VeoImage; lastFrame?: VeoImage }): VeoRequest {
  const o = job.options;
  return {
    instances: [
      {
        prompt: job.text,
        ...(images.image ? { image: images.image } : {}),
        ...(images.image && images.lastFrame ? { lastFrame: images.lastFrame } : {}),
      },
    ],
    parameters: {
      sampleCount: 1,
      durationSeconds: Number(o.duration),
      aspectRatio: String(o.aspectRatio),
      resolution: String(o.resolution),
      ...(typeof o.negativePrompt === "string" && o.negativePrompt.trim() ? { negativePrompt: o.negativePrompt } : {}),
      ...(o.seed !== undefined ? { seed: Number(o.seed) } : {}),
      ...(backend === "vertex" ? { generateAudio: o.generateAudio !== false } : {}),
    },
  };
}

/** A long-running operation as either backend reports it. */
export interface VeoOperation {
  name: string;
  done?: boolean;
  error?: GoogleStatus;
  response?: {
    /** Gemini API */
    generateVideoResponse?: { generatedSamples?: { video?: { uri?: string } }[]; raiMediaFilteredCount?: number; raiMediaFilteredReasons?: string[] };
    /** Vertex AI */
    videos?: { bytesBase64Encoded?: string; gcsUri?: string; mimeType?: string }[];
    raiMediaFilteredCount?: number;
    raiMediaFilteredReasons?: string[];
  };
}

export type VeoOutcome =
  | { state: "running" }
  | { state: "failed"; error: GoogleStatus }
  | { state: "filtered"; reason: string }
  | { state: "video"; uri?: string; bytes?: string; gcsUri?: string };

/** done:false → running; done with `error` → failed; done without a video → the safety filter removed it. */
export function veoOutcome(op: VeoOperation): VeoOutcome {
  if (!op.done) return { state: "running" };
  if (op.error) return { state: "failed", error: op.error };
  const gemini = op.response?.generateVideoResponse;
  const uri = gemini?.generatedSamples?.find((s) => s.video?.uri)?.video?.uri;
  if (uri) return { state: "video", uri };
  const video = op.response?.videos?.find((v) => v.bytesBase64Encoded || v.gcsUri);
  if (video) return { state: "video", bytes: video.bytesBase64Encoded, gcsUri: video.gcsUri };
  const reasons = gemini?.raiMediaFilteredReasons ?? op.response?.raiMediaFilteredReasons ?? [];
  const count = gemini?.raiMediaFilteredCount ?? op.response?.raiMediaFilteredCount ?? 0;
  return { state: "filtered", reason: reasons.join(" ") || (count > 0 ? `${count} video(s) removed` : "no video was returned") };
}

/** `gs://bucket/object` → the Cloud Storage JSON API media URL (read with the same OAuth token). */
export function gcsMediaUrl(gcsUri: string): string | undefined {
  const match = /^gs:\/\/([^/]+)\/(.+)$/.exec(gcsUri);
  return match ? `https://storage.googleapis.com/download/storage/v1/b/${match[1]}/o/${encodeURIComponent(match[2])}?alt=media` : undefined;
}
