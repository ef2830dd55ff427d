import type { GenerationJob, Options, Reconciled } from "../types";

/** Our `model` option → ModelArk model ids. Lite is two models: text-to-video and image-to-video. */
export const SEEDANCE_MODEL_IDS = {
  "1.5-pro": "seedance-1-5-pro-251215",
  pro: "seedance-1-0-pro-250528",
  "pro-fast": "seedance-1-0-pro-fast-251015",
  "lite-t2v": "seedance-1-0-lite-t2v-250428",
  "lite-i2v": "seedance-1-0-lite-i2v-250428",
} as const;

export const SEEDANCE_RATIOS = ["16:9", "4:3", "1:1", "3:4", "9:16", "21:9", "adaptive"] as const;
export const SEEDANCE_RESOLUTIONS = ["480p", "720p", "1080p"] as const;

/** The frame Seedance renders for each resolution and shape (what it bills in tokens: w × h × 24 fps × s / 1024). */
export const SEEDANCE_FRAMES: Record<string, Record<string, [number, number]>> = {
  "480p": { "16:9": [864, 480], "4:3": [736, 544], "1:1": [640, 640], "3:4": [544, 736], "9:16": [480, 864], "21:9": [960, 416] },
  "720p": { "16:9": [1248, 704], "4:3": [1120, 832], "1:1": [960, 960], "3:4": [832, 1120], "9:16": [704, 1248], "21:9": [1504, 640] },
  "1080p": { "16:9": [1920, 1088], "4:3": [1664, 1248], "1:1": [1440, 1440], "3:4": [1248, 1664], "9:16": [1088, 1920], "21:9": [2176, 928] },
};

/** `adaptive` follows the start image's shape, unknown until Seedance sees it: 16:9 stands in for it. */
export function seedanceFrame(resolution: string, ratio: string): [number, number] {
  const frames = SEEDANCE_FRAMES[resolution] ?? SEEDANCE_FRAMES["1080p"];
  return frames[ratio] ?? frames["16:9"];
}

export function seedanceModelId(o: Options, hasImage: boolean): string {
  if (o.model === "lite") return hasImage ? SEEDANCE_MODEL_IDS["lite-i2v"] : SEEDANCE_MODEL_IDS["lite-t2v"];
  if (o.model === "1.5-pro") return SEEDANCE_MODEL_IDS["1.5-pro"];
  return o.model === "pro-fast" ? SEEDANCE_MODEL_IDS["pro-fast"] : SEEDANCE_MODEL_IDS.pro;
}

/** Pro and Lite image-to-video take a last frame after a first one; Pro Fast takes only a first frame. */
const takesEndFrame = (o: Options, input: GenerationJob["input"]) => Boolean(input.image) && o.model !== "pro-fast";

export function reconcileSeedance(options: Options, input: GenerationJob["input"]): Reconciled {
  const applied = { ...options };
  const warnings: string[] = [];
  if (input.endImage && !takesEndFrame(options, input)) {
    warnings.push(
      input.image
        ? "input.endImage is ignored: Seedance Pro Fast takes only a start frame (use model pro or lite for an end frame)"
        : "input.endImage is ignored: Seedance needs input.image as the start frame before it can take an end frame",
    );
  }
  if (options.aspectRatio === "adaptive" && !input.image) {
    applied.aspectRatio = "16:9";
    warnings.push("aspectRatio adaptive follows the start image, and there is none; using 16:9");
  }
  return { applied, warnings };
}

export type SeedanceContent = { type: "text"; text: string } | { type: "image_url"; image_url: { url: string }; role?: "first_frame" | "last_frame" | "reference_image" };

export interface SeedanceCreateTask {
  model: string;
  content: SeedanceContent[];
  resolution?: string;
  ratio?: string;
  duration?: number;
  seed?: number;
  camera_fixed?: boolean;
  watermark?: boolean;
  /** Seedance 1.5 only: sound with the picture (billed at twice the silent rate); we ask for silent video. */
  generate_audio?: boolean;
  callback_url?: string;
}

/**
 * Our job → `POST /contents/generations/tasks`. Parameters go as top-level fields (not as `--rs 1080p` flags in
 * the prompt). Images go as given: Seedance fetches URLs itself and also takes base64 data URIs.
 */
export function toSeedanceRequest(job: GenerationJob, callbackUrl?: string): SeedanceCreateTask {
  const o = job.options;
  const content: SeedanceContent[] = [{ type: "text", text: job.text }];
  if (job.input.image) {
    content.push({ type: "image_url", image_url: { url: job.input.image }, role: "first_frame" });
    if (job.input.endImage && takesEndFrame(o, job.input)) content.push({ type: "image_url", image_url: { url: job.input.endImage }, role: "last_frame" });
  }
  return {
    model: seedanceModelId(o, Boolean(job.input.image)),
    content,
    resolution: String(o.resolution ?? "1080p"),
    ratio: String(o.aspectRatio ?? "16:9"),
    duration: Number(o.duration ?? 5),
    ...(o.seed !== undefined ? { seed: Number(o.seed) } : {}),
    camera_fixed: o.cameraFixed === true || o.cameraMotion === "static", // unified cameraMotion static is Seedance's fixed camera
    watermark: false,
    ...(o.model === "1.5-pro" ? { generate_audio: false } : {}),
    ...(callbackUrl ? { callback_url: callbackUrl } : {}),
  };
}

export type SeedanceStatus = "queued" | "running" | "succeeded" | "failed" | "cancelled" | "expired";

export interface SeedanceTask {
  id: string;
  model?: string;
  status: SeedanceStatus;
  content?: { video_url?: string; last_frame_url?: string } | null;
  error?: { code?: string; message?: string } | null;
  usage?: { completion_tokens?: number; total_tokens?: number };
  seed?: number;
  resolution?: string;
  ratio?: string;
  duration?: number;
  framespersecond?: number;
  created_at?: number;
  updated_at?: number;
}
