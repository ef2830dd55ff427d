import { dearest } from "../rates";
import type { GenerationJob, Options, Rates, Reconciled } from "../types";

/**
 * Our `model` option → MiniMax's model, with what each can do. Hailuo-02 is the only one with 512P (from an
 * image only) and a last frame; 2.3-Fast only animates an image. All make 1080P at 6 s only.
 */
interface HailuoModel {
  name: string;
  textToVideo: boolean;
  resolutions: readonly string[];
  lastFrame: boolean;
}

export const HAILUO_MODELS: Record<string, HailuoModel> = {
  "hailuo-02": { name: "MiniMax-Hailuo-02", textToVideo: true, resolutions: ["512p", "768p", "1080p"], lastFrame: true },
  "hailuo-2.3": { name: "MiniMax-Hailuo-2.3", textToVideo: true, resolutions: ["768p", "1080p"], lastFrame: false },
  "hailuo-2.3-fast": { name: "MiniMax-Hailuo-2.3-Fast", textToVideo: false, resolutions: ["768p", "1080p"], lastFrame: false },
};

export const MINIMAX_PROMPT_MAX = 2000;

const modelOf = (options: Options) => (HAILUO_MODELS[String(options.model)] ? String(options.model) : "hailuo-02");

/** Whether a last frame is sent: a first frame too, Hailuo-02, and not at 512p. */
export function usesLastFrame(options: Options, input: GenerationJob["input"]): boolean {
  return Boolean(input.image && input.endImage && HAILUO_MODELS[modelOf(options)].lastFrame && options.resolution !== "512p");
}

/**
 * What MiniMax will actually be sent, with a warning per change. Changes that cost more (2.3-Fast without an
 * image runs on 2.3; 512p text-to-video runs at 768p) are priced from the applied options, before anything is spent.
 */
export function reconcileMinimax(options: Options, input: GenerationJob["input"]): Reconciled {
  const applied = { ...options };
  const warnings: string[] = [];
  const hasImage = Boolean(input.image);
  let model = modelOf(options);
  if (!hasImage && !HAILUO_MODELS[model].textToVideo) {
    applied.model = model = "hailuo-2.3";
    warnings.push(`${options.model} only animates an image; without input.image this uses hailuo-2.3`);
  }
  const caps = HAILUO_MODELS[model];
  if (applied.resolution === "512p" && (!hasImage || !caps.resolutions.includes("512p"))) {
    applied.resolution = "768p";
    warnings.push(`resolution 512p is only for Hailuo-02 from an image (input.image); using 768p`);
  }
  if (applied.resolution === "1080p" && Number(applied.duration) !== 6) {
    applied.resolution = "768p";
    warnings.push(`MiniMax makes 1080p only at 6 s; this ${applied.duration} s clip uses 768p`);
  }
  if (input.endImage) {
    if (!hasImage) {
      warnings.push("input.endImage is ignored: MiniMax needs input.image as the first frame to use a last frame");
    } else if (!caps.lastFrame) {
      warnings.push(`input.endImage is ignored: only hailuo-02 takes a last frame`);
    } else if (applied.resolution === "512p") {
      applied.resolution = "768p";
      warnings.push("resolution 768p is used: MiniMax takes a last frame only at 768p or 1080p");
    }
  }
  return { applied, warnings };
}

/** MiniMax's list prices in US cents per clip, `<model>.<resolution>.<6|10>s` in the price list. */
export function minimaxCost(rates: Rates, options: Options): number {
  const seconds = Number(options.duration) === 10 ? 10 : 6;
  const own = rates[`${modelOf(options)}.${String(options.resolution)}.${seconds}s`];
  // Combinations reconcile never applies fall back to the dearest price of that model and length.
  return typeof own === "number" ? own : dearest(rates, `${modelOf(options)}.`, `.${seconds}s`);
}

/** Typical seconds to a result: about 2 minutes plus 12 s per second of video; 1080p slower, Fast about half. */
export function minimaxEstimatedSeconds(options: Options): number {
  const base = 120 + Number(options.duration) * 12 + (options.resolution === "1080p" ? 60 : 0);
  return Math.round(modelOf(options) === "hailuo-2.3-fast" ? base * 0.6 : base);
}

export interface MinimaxVideoRequest {
  model: string;
  prompt: string;
  duration: 6 | 10;
  resolution: "512P" | "768P" | "1080P";
  prompt_optimizer: boolean;
  first_frame_image?: string;
  last_frame_image?: string;
  callback_url?: string;
}

/** Our job → `POST /v1/video_generation`. Frames are https URLs (MiniMax fetches them) or data: URIs. */
export function toMinimaxRequest(job: GenerationJob, frames: { first?: string; last?: string }, callbackUrl?: string): MinimaxVideoRequest {
  const o = job.options;
  const body: MinimaxVideoRequest = {
    model: HAILUO_MODELS[modelOf(o)].name,
    prompt: job.text.slice(0, MINIMAX_PROMPT_MAX),
    duration: Number(o.duration) === 10 ? 10 : 6,
    resolution: String(o.resolution ?? "768p").toUpperCase() as MinimaxVideoRequest["resolution"],
    prompt_optimizer: o.promptOptimizer !== false,
  };
  if (frames.first) body.first_frame_image = frames.first;
  if (frames.last && usesLastFrame(o, job.input)) body.last_frame_image = frames.last;
  if (callbackUrl) body.callback_url = callbackUrl;
  return body;
}

export type MinimaxStatus = "Preparing" | "Queueing" | "Processing" | "Success" | "Fail";

export interface BaseResp {
  status_code: number;
  status_msg?: string;
}

export interface MinimaxQuery {
  task_id: string;
  status: MinimaxStatus;
  file_id?: string;
  video_width?: number;
  video_height?: number;
  base_resp?: BaseResp;
}

export interface MinimaxFile {
  file?: { file_id: string | number; bytes?: number; created_at?: number; filename?: string; purpose?: string; download_url?: string };
  base_resp?: BaseResp;
}

/**
 * MiniMax's own camera syntax: Hailuo reads camera moves written in square brackets in the prompt (`[Pan left]`;
 * several moves inside one bracket happen together). The 15 commands, per MiniMax's video_generation API reference
 * (`prompt` field) as quoted by public clients: [Truck left], [Truck right], [Pan left], [Pan right], [Push in],
 * [Pull out], [Pedestal up], [Pedestal down], [Tilt up], [Tilt down], [Zoom in], [Zoom out], [Shake],
 * [Tracking shot], [Static shot] (checked 2026-12-05 with the code search). An orbit is a truck against a pan.
 */
export const MINIMAX_CAMERA_COMMANDS: Readonly<Record<string, string>> = {
  static: "[Static shot]",
  pan_left: "[Pan left]",
  pan_right: "[Pan right]",
  tilt_up: "[Tilt up]",
  tilt_down: "[Tilt down]",
  zoom_in: "[Zoom in]",
  zoom_out: "[Zoom out]",
  dolly_in: "[Push in]",
  dolly_out: "[Pull out]",
  orbit_left: "[Truck left,Pan right]",
  orbit_right: "[Truck right,Pan left]",
  tracking: "[Tracking shot]",
  handheld: "[Shake]",
};
