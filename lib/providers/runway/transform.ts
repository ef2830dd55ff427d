import type { GenerationJob, Options, Reconciled } from "../types";

/** Runway wants pixel ratios, and each model has its own set. */
const RATIOS: Record<"gen4_turbo" | "gen3a_turbo", Record<string, string>> = {
  gen4_turbo: { "16:9": "1280:720", "9:16": "720:1280", "4:3": "1104:832", "3:4": "832:1104", "1:1": "960:960", "21:9": "1584:672" },
  gen3a_turbo: { "16:9": "1280:768", "9:16": "768:1280" },
};

export const runwayModel = (o: Options) => (o.model === "gen-3" ? "gen3a_turbo" : "gen4_turbo");

/** gen-3 only makes 16:9 and 9:16; gen-4 cannot take an end frame. */
export function reconcileRunway(options: Options, input: GenerationJob["input"]): Reconciled {
  const applied = { ...options };
  const warnings: string[] = [];
  const model = runwayModel(options);
  if (!RATIOS[model][String(options.aspectRatio)]) {
    applied.aspectRatio = "16:9";
    warnings.push(`aspectRatio ${options.aspectRatio} is not available on Runway gen-3 (16:9 or 9:16); using 16:9`);
  }
  if (input.endImage && model === "gen4_turbo") {
    warnings.push("input.endImage is ignored: Runway gen-4 takes only a first frame (use model gen-3 for an end frame)");
  }
  return { applied, warnings };
}

export interface RunwayImageToVideo {
  model: string;
  promptImage: string | { uri: string; position: "first" | "last" }[];
  promptText?: string;
  ratio: string;
  duration: number;
  seed?: number;
}

/** Our job → `POST /v1/image_to_video`. Images go as given (https URL or data URI): Runway fetches them. */
export function toRunwayRequest(job: GenerationJob): RunwayImageToVideo {
  const o = job.options;
  const model = runwayModel(o);
  const image = job.input.image as string;
  const promptImage =
    job.input.endImage && model === "gen3a_turbo"
      ? [
          { uri: image, position: "first" as const },
          { uri: job.input.endImage, position: "last" as const },
        ]
      : image;
  return {
    model,
    promptImage,
    promptText: job.text.slice(0, 1000),
    ratio: RATIOS[model][String(o.aspectRatio)] ?? RATIOS[model]["16:9"],
    duration: Number(o.duration),
    ...(o.seed !== undefined ? { seed: Number(o.seed) } : {}),
  };
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
