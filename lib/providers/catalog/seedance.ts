import { reconcileSeedance, SEEDANCE_RATIOS, SEEDANCE_RESOLUTIONS, seedanceFrame, SEEDANCE_MODEL_IDS } from "../seedance/transform";
import type { Options, ProviderSpec } from "../types";
import { aspectRatio, resolution, seconds, seed } from "./shared-options";

/**
 * ModelArk bills video tokens, w × h × 24 fps × seconds / 1024, at $2.5 (Pro), $0.7 (Pro Fast) and $1.8 (Lite) per
 * million: a 5 s 1080p Pro clip ≈ $0.61, 480p ≈ $0.12.
 */
const USD_PER_MILLION_TOKENS: Record<string, number> = { pro: 2.5, "pro-fast": 0.7, lite: 1.8 };

function seedancePrice(o: Options): number {
  const [w, h] = seedanceFrame(String(o.resolution), String(o.aspectRatio));
  const tokens = (w * h * 24 * seconds(o)) / 1024;
  return Math.ceil((tokens / 1e6) * (USD_PER_MILLION_TOKENS[String(o.model)] ?? 2.5) * 100);
}

/** Pro: a 10 s clip ≈ 70 s at 480p, 115 s at 1080p; Pro Fast about 3× quicker; plus a little queueing. */
function seedanceTime(o: Options): number {
  const perSecond = o.resolution === "1080p" ? 11.5 : o.resolution === "720p" ? 9 : 7;
  const speed = o.model === "pro-fast" ? 1 / 3 : o.model === "lite" ? 0.8 : 1;
  return Math.round(15 + seconds(o) * perSecond * speed);
}

export const seedance: ProviderSpec = {
  id: "seedance",
  name: "Seedance",
  vendor: "ByteDance",
  description: "Specialises in stable 5-second clips. Available at 480p and 1080p with dependable quality.",
  features: [
    "Seedance 1.0 Pro, Pro Fast and Lite",
    "Text or image to video, start and end frames",
    "480p, 720p and 1080p",
    "2 to 12 second clips",
    "Fixed camera",
    "Callbacks",
  ],
  limitations: ["Pro Fast takes no end frame", "A queued task can be cancelled; a running one finishes"],
  credentials: ["ARK_API_KEY"],
  quality: 80,
  models: {
    VIDEO: {
      lineup: {
        option: "model",
        models: [
          { id: "pro", vendorModelId: SEEDANCE_MODEL_IDS.pro, status: "GA" },
          { id: "pro-fast", vendorModelId: SEEDANCE_MODEL_IDS["pro-fast"], status: "GA" },
          // Lite is two vendor models: text-to-video, and image-to-video when input.image is given.
          { id: "lite", vendorModelId: SEEDANCE_MODEL_IDS["lite-t2v"], status: "GA" },
        ],
      },
      options: [
        {
          name: "model",
          type: "STRING",
          description: "pro = Seedance 1.0 Pro; pro-fast = about 3× faster and cheaper; lite = Seedance 1.0 Lite",
          allowedValues: ["pro", "pro-fast", "lite"],
          default: "pro",
        },
        { name: "duration", type: "INT", description: "Clip length in seconds (2–12)", min: 2, max: 12, default: 5 },
        resolution(SEEDANCE_RESOLUTIONS, "1080p"),
        { ...aspectRatio(SEEDANCE_RATIOS), description: "Frame shape, width:height; adaptive follows the start image" },
        seed,
        { name: "cameraFixed", type: "BOOLEAN", description: "Keep the camera still", default: false },
      ],
      price: seedancePrice,
      estimatedTime: seedanceTime,
      inputs: { image: "optional", endImage: "optional" },
      reconcile: reconcileSeedance,
    },
  },
};
