import type { GenerationJob } from "../types";

/** Pruna's optimised Flux on Replicate. */
export const FLUX_FAST_MODEL = "prunaai/flux-fast";

/**
 * Our `quality` → Pruna's `speed_mode`, byte for byte as the model's schema lists the enum (the emoji are part of the
 * values: "Extra Juiced" carries 🔥, not 💥). See tests/fixtures/vendors/replicate/SOURCE.md; checked 2026-12-05.
 */
export const SPEED_MODES = {
  instant: "Blink of an eye 👁️",
  fast: "Extra Juiced 🔥 (more speed)",
  balanced: "Juiced 🔥 (default)",
  high: "Lightly Juiced 🍊 (more consistent)",
} as const;

export const REPLICATE_RATIOS = ["1:1", "16:9", "21:9", "3:2", "2:3", "4:5", "5:4", "3:4", "4:3", "9:16", "9:21"] as const;

export interface FluxFastInput {
  prompt: string;
  aspect_ratio: string;
  speed_mode: string;
  output_format: "png" | "jpg" | "webp";
  seed?: number;
}

export interface PredictionRequest {
  input: FluxFastInput;
  webhook?: string;
  webhook_events_filter?: ("start" | "output" | "logs" | "completed")[];
}

/**
 * Our job → `POST /v1/models/prunaai/flux-fast/predictions` (the model makes one image; it has no `num_outputs`). The webhook
 * is asked for the `completed` event only; the follower re-reads the prediction anyway.
 */
export function toFluxFastRequest(job: GenerationJob, webhook?: string): PredictionRequest {
  const o = job.options;
  const input: FluxFastInput = {
    prompt: job.text,
    aspect_ratio: String(o.aspectRatio ?? "1:1"),
    speed_mode: SPEED_MODES[String(o.quality) as keyof typeof SPEED_MODES] ?? SPEED_MODES.balanced,
    output_format: o.format === "png" ? "png" : o.format === "webp" ? "webp" : "jpg",
  };
  if (o.seed !== undefined) input.seed = Number(o.seed);
  return webhook ? { input, webhook, webhook_events_filter: ["completed"] } : { input };
}

export type PredictionStatus = "starting" | "processing" | "succeeded" | "failed" | "canceled";

export interface Prediction {
  id: string;
  status: PredictionStatus;
  output?: string | string[] | null;
  error?: string | null;
  logs?: string | null;
  urls?: { get?: string; cancel?: string; stream?: string; web?: string };
}

export type PredictionOutcome =
  { kind: "pending"; progress?: number } | { kind: "succeeded"; url: string } | { kind: "failed"; moderated: boolean; reason: string } | { kind: "canceled" };

export function predictionOutcome(p: Prediction): PredictionOutcome {
  switch (p.status) {
    case "succeeded": {
      const url = firstOutput(p.output);
      return url ? { kind: "succeeded", url } : { kind: "failed", moderated: false, reason: "the prediction succeeded without an output" };
    }
    case "failed": {
      const reason = p.error || "no reason given";
      return { kind: "failed", moderated: /nsfw|safety|flagged|moderat/i.test(reason), reason };
    }
    case "canceled":
      return { kind: "canceled" };
    case "starting":
    case "processing":
    default:
      return { kind: "pending", progress: p.status === "processing" ? progressFromLogs(p.logs) : 0 };
  }
}

/** Models answer a single URL or a list of them, depending on their output schema. */
export function firstOutput(output: Prediction["output"]): string | undefined {
  const first = Array.isArray(output) ? output[0] : output;
  return typeof first === "string" && first ? first : undefined;
}

/** Cog models print tqdm bars (` 40%|████      | 2/4`); the last percentage is the progress, as Replicate's own client reads it. */
export function progressFromLogs(logs: string | null | undefined): number | undefined {
  const matches = [...(logs ?? "").matchAll(/(\d{1,3})%\|/g)];
  const last = matches.at(-1);
  return last ? Math.min(100, Number(last[1])) : undefined;
}
