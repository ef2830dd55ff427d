import { rate } from "../rates";
import type { GenerationJob, Lineup, Options, Rates, Reconciled } from "../types";

/**
 * Runway's video models behind our `model` option, as `@runwayml/sdk` 4.20.1 (its OpenAPI spec, 2026) lists them
 * for `/v1/image_to_video` and `/v1/text_to_video`. `gen3a_turbo` left the spec on 2026-06-10 and Runway ended it
 * on 2026-07-30: it is refused by name (see lineup.ts), never sent. Checked 2026-12-05.
 */
export const RUNWAY_LINEUP: Lineup = {
  option: "model",
  models: [
    { id: "gen-4.5", vendorModelId: "gen4.5", status: "GA", source: "@runwayml/sdk@4.20.1 ImageToVideo/TextToVideo Gen4_5 (checked 2026-12-05)" },
    { id: "gen-4", vendorModelId: "gen4_turbo", status: "GA", source: "@runwayml/sdk@4.20.1 ImageToVideo Gen4Turbo (checked 2026-12-05)" },
    {
      id: "gen-3",
      vendorModelId: "gen3a_turbo",
      status: "RETIRED",
      sunsetAt: "2026-07-30",
      successor: "gen-4",
      source: "removed from Runway's API spec in runwayml/sdk-node 72f96f2 (2026-06-10); end of life 2026-07-30 per Comfy-Org/docs#1326 (checked 2026-12-05)",
    },
  ],
};

/** Pixel ratios per model and endpoint: gen4.5 makes only the two 720p shapes from text. */
const IMAGE_RATIOS: Record<string, string> = { "16:9": "1280:720", "9:16": "720:1280", "4:3": "1104:832", "3:4": "832:1104", "1:1": "960:960", "21:9": "1584:672" };
const TEXT_RATIOS: Record<string, string> = { "16:9": "1280:720", "9:16": "720:1280" };

/** What each model can do; the wire id comes from the lineup. */
const CAN: Record<string, { textToVideo: boolean }> = {
  "gen-4.5": { textToVideo: true },
  "gen-4": { textToVideo: false },
};

/** Our model id for these options (a retired one never reaches here: planning refuses it). */
const modelId = (o: Options) => (CAN[String(o.model)] ? String(o.model) : "gen-4.5");
export const runwayModel = (o: Options) => RUNWAY_LINEUP.models.find((m) => m.id === modelId(o))!.vendorModelId;

/** Runway bills its credits (US$0.01 each) per second of output: `<model>.perSecond` in the price list (first list: gen4.5 12, gen4_turbo 5). */
export const runwayCost = (rates: Rates, o: Options) => rate(rates, `${modelId(o)}.perSecond`) * Number(o.duration);

/**
 * gen-4 (gen4_turbo) only animates an image: without one, gen-4.5 makes the video from text (priced as such).
 * From text, gen-4.5 makes only 16:9 and 9:16. No current model takes an end frame.
 */
export function reconcileRunway(options: Options, input: GenerationJob["input"]): Reconciled {
  const applied = { ...options };
  const warnings: string[] = [];
  const fromText = !input.image;
  if (fromText && !CAN[modelId(options)].textToVideo) {
    applied.model = "gen-4.5";
    warnings.push(`Runway ${options.model} only animates an image; without input.image this uses gen-4.5 (text-to-video, 12 credits/s)`);
  }
  if (fromText && !TEXT_RATIOS[String(options.aspectRatio)]) {
    applied.aspectRatio = "16:9";
    warnings.push(`aspectRatio ${options.aspectRatio} is not available for Runway text-to-video (16:9 or 9:16); using 16:9`);
  }
  if (input.endImage) warnings.push("input.endImage is ignored: Runway's current models take only a first frame");
  return { applied, warnings };
}

export interface RunwayVideoRequest {
  model: string;
  promptImage?: string;
  promptText?: string;
  ratio: string;
  duration: number;
  seed?: number;
}

/** Our job → `POST /v1/image_to_video` (with an image) or `/v1/text_to_video`. Images go as given: Runway fetches them. */
export function toRunwayRequest(job: GenerationJob): { endpoint: "image_to_video" | "text_to_video"; body: RunwayVideoRequest } {
  const o = job.options;
  const image = job.input.image;
  const ratios = image ? IMAGE_RATIOS : TEXT_RATIOS;
  const body: RunwayVideoRequest = {
    model: runwayModel(o),
    ...(image ? { promptImage: image } : {}),
    promptText: job.text.slice(0, 1000),
    ratio: ratios[String(o.aspectRatio)] ?? ratios["16:9"],
    duration: Number(o.duration),
    ...(o.seed !== undefined ? { seed: Number(o.seed) } : {}),
  };
  return { endpoint: image ? "image_to_video" : "text_to_video", body };
}

export type RunwayStatus = "PENDING" | "THROTTLED" | "RUNNING" | "SUCCEEDED" | "FAILED" | "CANCELLED";

export interface RunwayTask {
  id: string;
  status: RunwayStatus;
  progress?: number;
  failure?: string;
  failureCode?: string;
  output?: string[];
  createdAt?: string;
}
